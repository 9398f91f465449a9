"""A declaration written for the PDF tests (invented text in the usual style), as blocks."""

from __future__ import annotations

TITLE = "The Lakeside Declaration of the Council of Heads of State of the Example Organisation"
OPENING = (
    "The leaders of the member states of the Example Organisation, meeting in Lakeside on "
    "4 July 2024, declare the following."
)
SECTIONS: list[tuple[str, list[str]]] = [
    (
        "",
        [
            OPENING,
            "The world is passing through a period of deep change. New centres of economic "
            "and political growth are emerging, while old disputes remain unresolved and "
            "the risks of confrontation between states are rising. The member states believe "
            "that only patient dialogue, mutual respect and equal partnership can answer "
            "these challenges.",
            "The member states reaffirm their commitment to the purposes and principles of "
            "the Charter of the United Nations, to the peaceful settlement of disputes and to "
            "non-interference in the internal affairs of states, and call on all countries to "
            "refrain from unilateral measures that harm the well-being of peoples.",
        ],
    ),
    (
        "Security and Stability",
        [
            "The member states condemn terrorism in all its forms and manifestations. They "
            "will continue joint counter-terrorism exercises, exchange information on "
            "cross-border threats and strengthen the work of the Regional Anti-Terrorist "
            "Structure.",
            "The member states note with concern the spread of illicit drug trafficking and "
            "organised crime in the region. They intend to develop cooperation between their "
            "law-enforcement agencies, including through joint operations, training "
            "programmes and the exchange of best practices.",
            "The member states stress the importance of information security and call for "
            "the elaboration, under the auspices of the United Nations, of universal rules, "
            "norms and principles of responsible behaviour of states in the information "
            "space.",
        ],
    ),
    (
        "Economic Cooperation",
        [
            "The member states support a fair, open and non-discriminatory multilateral "
            "trading system. They will work to remove barriers to trade, improve the "
            "conditions for financial flows, the investment climate and develop transport "
            "corridors that connect the region with the rest of the world.",
            "The member states welcome the growth of trade in national currencies and agree "
            "to continue consultations on a development bank and a development fund of the "
            "Organisation. They attach great importance to cooperation in energy, "
            "agriculture, the digital economy and innovation.",
            "The member states will promote small and medium-sized enterprises, e-commerce "
            "and start-up companies, and will hold a business forum every year on the "
            "margins of the meeting of the Council.",
        ],
    ),
    (
        "Cultural and Humanitarian Ties",
        [
            "The member states will expand cooperation in education, science, health care, "
            "tourism and sport, to mutual benefit. They support exchanges between "
            "universities, young people and the media, and the joint protection of the "
            "cultural heritage of the region.",
            "The next meeting of the Council of Heads of State will take place in 2025 in the "
            "Republic of Example.",
        ],
    ),
]
SIGNATURES: list[tuple[str, str]] = [
    ("President of the Republic of Northland", "A. Firstname"),
    ("President of the Southern Republic", "B. Secondname"),
    ("Prime Minister of the Eastern Republic", "C. Thirdname"),
]
PLACE_DATE = "Lakeside, 4 July 2024"


def blocks() -> list[tuple[str, str]]:
    """The declaration as ``typeset_pdf`` blocks."""
    out: list[tuple[str, str]] = [("title", TITLE)]
    for heading, paragraphs in SECTIONS:
        if heading:
            out.append(("heading", heading))
        out.extend(("para", p) for p in paragraphs)
    out.extend(("sign", f"{role}|{name}") for role, name in SIGNATURES)
    out.append(("line", PLACE_DATE))
    return out


def expected() -> list[tuple[str, str]]:
    """``(section, text)`` of every body paragraph, as a careful reader reads them."""
    return [
        (heading or "Preamble", paragraph)
        for heading, paragraphs in SECTIONS
        for paragraph in paragraphs
    ]


def html() -> str:
    """The declaration as a web page (for a browser's print-to-PDF)."""
    import html as escape

    parts = [f"<h1>{escape.escape(TITLE)}</h1>"]
    for heading, paragraphs in SECTIONS:
        if heading:
            parts.append(f"<h2>{escape.escape(heading)}</h2>")
        parts.extend(f"<p>{escape.escape(p)}</p>" for p in paragraphs)
    parts.append("<table class=sign>")
    parts.extend(
        f"<tr><td>{escape.escape(role)}</td><td>{escape.escape(name)}</td></tr>"
        for role, name in SIGNATURES
    )
    parts.append(f"</table><p>{escape.escape(PLACE_DATE)}</p>")
    style = (
        "body{font-family:serif;font-size:12pt;text-align:justify;margin:0 1in}"
        "h1{text-align:center;font-size:16pt}h2{font-size:13pt}"
        "table.sign{width:100%;margin-top:2em}td+td{text-align:right}"
    )
    return (
        "<!doctype html><html><head><meta charset=utf-8><title>Lakeside Declaration</title>"
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )
