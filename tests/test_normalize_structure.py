"""Structure a reader sees: numbered headings, parts, headless texts, signature blocks,
numbered paragraphs, preamble clauses and blank-line paragraphs (sco_text.normalizer)."""

from __future__ import annotations

from sco_text.normalizer import normalize

FULL = "The member states note the importance of the further work on the"
FORUM = "The SCO is a forum of states that meet every year in one of the capitals."
TRADE = "The member states trade a lot and want to trade a great deal more."
FESTIVALS = "The member states hold festivals and exchange students every year."


def sections(raw: str) -> list[tuple[str, str]]:
    return [(p.section, p.text) for p in normalize(raw, layout="wrapped").paragraphs]


def test_lone_roman_numeral_heads_a_section_when_the_sequence_goes_on() -> None:
    raw = "\n".join(
        [
            "I",
            FORUM,
            "II",
            TRADE,
            "III. Culture",
            FESTIVALS,
        ]
    )
    assert [s for s, _ in sections(raw)] == ["I", "II", "III. Culture"]
    assert sections(raw)[0][1].startswith("The SCO is")


def test_lone_numeral_and_title_lines_name_one_section() -> None:
    raw = "\n".join(
        [
            "I",
            "Politics",
            FORUM,
            "II",
            "Economy",
            TRADE,
        ]
    )
    assert [s for s, _ in sections(raw)] == ["I. Politics", "II. Economy"]


def test_numbered_headings_where_blank_lines_mark_paragraphs() -> None:
    # blank lines between paragraphs, but none after "II" or "III. ECONOMY": a numbered
    # or capitalised line after a sentence end is a heading all the same, and a first
    # line "I" heads a section rather than titling the document
    raw = "\n".join(
        [
            "I",
            "",
            FORUM,
            "",
            "II",
            TRADE,
            "",
            "III. ECONOMY",
            FESTIVALS,
        ]
    )
    result = normalize(raw, layout="wrapped")
    assert result.title == ""
    assert [(p.section, p.text[:12]) for p in result.paragraphs] == [
        ("I", "The SCO is a"),
        ("II", "The member s"),
        ("III. ECONOMY", "The member s"),
    ]


def test_pronoun_i_alone_is_no_heading() -> None:
    raw = "\n".join(
        [
            "We met in the capital and spoke at length about all the matters and",
            "I",
            "Think the talks went well for all of us in the end of the long day.",
        ]
    )
    assert [s for s, _ in sections(raw)] == ["Body"]


def test_parts_are_numbered_from_one() -> None:
    raw = "\n".join(
        [
            "The first part of the text is here and it ends.",
            "***",
            "The second part.",
            "***",
            "The third.",
        ]
    )
    assert [s for s, _ in sections(raw)] == ["Part 1", "Part 2", "Part 3"]


def test_text_without_headings_is_one_body_section() -> None:
    raw = "Statement of the Council\n\nWe met and agreed.\n\nWe will meet again.\n"
    result = normalize(raw, layout="wrapped")
    assert [p.section for p in result.paragraphs] == ["Body", "Body"]
    assert {p.section for p in normalize("One line.\nTwo.", layout="unwrapped").paragraphs} == {
        "Body"
    }


def test_headings_keep_a_preamble() -> None:
    raw = "\n".join([FULL + " text.", "Security", "The member states agree on many things."])
    assert [s for s, _ in sections(raw)] == ["Preamble", "Security"]


def test_signature_block_interleaved_with_countries_and_page_numbers() -> None:
    raw = "\n".join(
        [
            FULL,
            "region and beyond its borders in the years to come.",
            "New Delhi, 4 July 2023",
            "Prime Minister",
            "Republic of India Narendra Modi",
            "",
            "2",
            "",
            "President",
            "Republic of Uzbekistan Shavkat Mirziyoyev",
            "7",
            "President",
            "of the Russian Federation V.V. Putin",
        ]
    )
    result = normalize(raw, layout="wrapped")
    assert [p.section for p in result.paragraphs] == ["Body"]
    assert len(result.paragraphs) == 1 and result.paragraphs[0].text.endswith("to come.")
    assert "Republic of Uzbekistan Shavkat Mirziyoyev" in result.back_matter
    found = {(r.rule, r.before) for r in result.repairs}
    assert ("page-number", "7") in found and ("page-number", "2") in found
    assert ("place-date", "New Delhi, 4 July 2023") in found


def test_place_and_date_line_is_no_heading_and_no_body() -> None:
    raw = "\n".join(
        [
            FULL + " text.",
            "Astana, 4 July 2024",
            "The member states met again in the capital and agreed on the plan.",
        ]
    )
    result = normalize(raw, layout="wrapped")
    assert [(p.section, p.text[:3]) for p in result.paragraphs] == [("Body", "The")] * 2
    assert result.back_matter == ["Astana, 4 July 2024"]
    assert ("place-date", "Astana, 4 July 2024") in {(r.rule, r.before) for r in result.repairs}


def test_numbered_paragraphs_are_kept_even_with_the_number_alone() -> None:
    raw = "\n".join(
        [
            "1.",
            "The member states note the importance of the further work on the",
            "security of the region.",
            "2.",
            "They welcome the results of the meeting held in Tashkent in May.",
            "3. They agree to meet again next year in the capital of Kazakhstan.",
        ]
    )
    texts = [t for _, t in sections(raw)]
    assert [t.split()[0] for t in texts] == ["1.", "2.", "3."]
    first = "1. The member states note the importance of the further work on the security"
    assert texts[0] == first + " of the region."


def test_preamble_clauses_ending_short_are_paragraphs() -> None:
    raw = "\n".join(
        [
            "We, the heads of the member states of the Shanghai Cooperation Organisation",
            "(SCO) - the Republic of Kazakhstan, the People's Republic of China, the Kyrgyz",
            "Republic and the Republic of Uzbekistan,",
            "underscoring that providing every person with accessible, reliable, sustainable",
            "energy is a goal of the UN Agenda Until 2030,",
            "state the following:",
            "Against the backdrop of the complicated situation with global energy security,",
            "climate change and the aftermath of the pandemic, regional crises have come.",
        ]
    )
    texts = [t for _, t in sections(raw)]
    assert [t.split()[0] for t in texts] == ["We,", "underscoring", "state", "Against"]


def test_list_items_narrower_than_the_page_keep_their_lines() -> None:
    raw = "\n".join(
        [
            "While continuing to implement the Convention for Cooperation in Environmental",
            "Protection, the member states intend to implement the following measures here:",
            "- study prospects for more profound cooperation to mobilise funding, so",
            "as to prevent climate change and adapt to it;",
            "- launch dialogue on carbon trading between SCO member states,",
            "including approaches for involvement in international carbon markets;",
            "- adhere to openness to encourage interested SCO observer states and",
            "dialogue partners to work together in the above-mentioned spheres.",
        ]
    )
    texts = [t for _, t in sections(raw)]
    assert len(texts) == 4 and texts[2].startswith("- launch") and texts[2].endswith("markets;")


def test_blank_lines_mark_paragraphs_even_before_lower_case() -> None:
    raw = (
        "Statement on Energy\n\nWe, the heads of the member states,\n\n"
        "underscoring that energy matters,\n\nstate the following:\n\n"
        "Energy is important and we cooperate on it\n\nacross a page break.\n"
    )
    texts = [p.text for p in normalize(raw, layout="wrapped").paragraphs]
    assert texts == [
        "We, the heads of the member states,",
        "underscoring that energy matters,",
        "state the following:",
        "Energy is important and we cooperate on it across a page break.",
    ]


def test_capitalised_clause_after_a_comma_starts_a_paragraph() -> None:
    raw = "\n".join(
        [
            "Noting the systematic efforts of the Regional Anti-Terrorist Structure to combat",
            "radicalization, including through the implementation of the 2022-2024 Programme of",
            "Cooperation of the Member States in Countering Terrorism, Separatism and Extremism,",
            "Hereby declare the following:",
            "Member States, while strongly condemning terrorism in all its forms and manifestation",
            "committed by whomever, stress that it should not be associated with any religion.",
        ]
    )
    texts = [t for _, t in sections(raw)]
    assert [t.split()[0] for t in texts] == ["Noting", "Hereby", "Member"]


def test_names_after_a_comma_continue_the_paragraph() -> None:
    # a name ("Sustainable and Diversified ...", a country) after a comma is no clause
    lines = [
        "The member states adopted the Statement of the Council on Ensuring Reliable,",
        "Sustainable and Diversified Supply Chains and the Statement on Food Security,",
        "Kazakhstan supported the decision of the Council on the matter of the meetings.",
    ]
    assert len(sections("\n".join(lines))) == 1
    # "Hereby" after a comma inside brackets continues the bracket
    bracket = [
        "The member states (meeting on the occasion of the fifth summit in the region,",
        "Hereby declared open by the chair of the meeting of the Council) noted the report.",
    ]
    assert len(sections("\n".join(bracket))) == 1


def test_blocks_are_the_paragraphs() -> None:
    # text read with its geometry: a short sentence-final line inside a block does not
    # end the paragraph, and a one-line block wider than heading_width is a heading
    raw = "\n".join(
        [
            "The Lakeside Declaration",
            "",
            "The member states met in Lakeside and agreed on a plan for the region.",
            "They will meet again.",
            "It was good to meet in the city.",
            "",
            "Cultural, humanitarian and public exchanges in the region",
            "",
            "The member states support the efforts to promote the dialogue.",
        ]
    )
    got = [(p.section, p.text.split()[-1]) for p in normalize(raw, layout="blocks").paragraphs]
    assert got == [
        ("Preamble", "city."),
        ("Cultural, humanitarian and public exchanges in the region", "dialogue."),
    ]
    wrapped = normalize(raw, layout="wrapped")
    assert len(wrapped.paragraphs) > 2 and normalize(raw, layout="blocks").layout == "blocks"


def test_a_full_line_before_a_sentence_pointing_back_continues() -> None:
    lines = [
        "The member states note the results of the meeting of the ministers and the",
        "progress in the joint work of the competent authorities of the member states.",
        "They support the further development of cooperation in this area and call on",
        "all parties to take part.",
        "The member states welcome the results of the forum.",
    ]
    got = normalize("\n".join(lines), layout="wrapped")
    assert len(got.paragraphs) == 2
    assert got.paragraphs[0].text.endswith("take part.")


def test_signing_formulas_in_columns_are_back_matter() -> None:
    # "For the Republic of ..." anchors a signature block, also when the signatories are
    # set side by side (one line wider than a signature line, each column narrower) with
    # their initialled names under them
    body = [
        "The member states will continue to deepen cooperation in trade, investment,",
        "transport, energy and agriculture, and to improve the business climate.",
    ]
    back = [
        "For the Republic of Kazakhstan    For the Kyrgyz Republic    "
        "For the Republic of Tajikistan",
        "K. Tokayev      S. Japarov     E. Rahmon",
        "",
        "Bishkek, 14 October 2024",
    ]
    result = normalize("\n".join([*body, "", *back]), layout="wrapped")
    assert [p.text for p in result.paragraphs] == [" ".join(body)]
    assert result.back_matter == [b for b in back if b]


def test_a_closing_sentence_opening_for_the_stays_in_the_body() -> None:
    lines = [
        "The member states will continue to deepen cooperation in trade, investment",
        "and transport, and to improve the business climate across the region.",
        "For the Republic of Kazakhstan and the Kyrgyz Republic, it is a priority.",
    ]
    result = normalize("\n".join(lines), layout="wrapped")
    assert result.back_matter == []
    assert result.paragraphs[-1].text.endswith("it is a priority.")


def test_article_labels_and_their_headings_name_one_section() -> None:
    raw = "\n".join(
        [
            "Charter of the Organisation",
            "",
            "Article 1",
            "Goals and Tasks",
            FORUM,
            "Article 2",
            TRADE,
        ]
    )
    result = normalize(raw, layout="wrapped")
    assert result.title == "Charter of the Organisation"
    assert [p.section for p in result.paragraphs] == ["Article 1. Goals and Tasks", "Article 2"]


def test_numbered_headings_over_paragraphs_numbered_in_two_levels() -> None:
    # "2.1." opens a paragraph as "2." does; the blank under the title parts no paragraphs
    lines = ["Tashkent Declaration", "", "1. Politics"]
    for n in (1, 2):
        lines += [f"1.{n}. {FULL}", "fields of cooperation."]
    lines.append("2. Economy")
    for n in (1, 2):
        lines += [f"2.{n}. {FULL}", "fields of cooperation."]
    result = normalize("\n".join(lines), layout="wrapped")
    assert [(p.section, p.text[:4]) for p in result.paragraphs] == [
        ("1. Politics", "1.1."),
        ("1. Politics", "1.2."),
        ("2. Economy", "2.1."),
        ("2. Economy", "2.2."),
    ]


LONG = (
    "The member states note the importance of the further work on the fields of "
    "cooperation agreed in the region, and will report on it at the next meeting."
)


def test_unwrapped_text_has_a_title_headings_and_back_matter() -> None:
    # one paragraph per line, as text copied from a web page
    raw = "\n".join(
        [
            "BISHKEK DECLARATION",
            "of the Council of Heads of State",
            "I. Security",
            LONG,
            LONG.replace("member states", "heads of state"),
            "II. Economy",
            LONG.replace("note", "stress"),
            "President of the Kyrgyz Republic S. Japarov",
            "Bishkek, 5 July 2025",
        ]
    )
    result = normalize(raw)
    assert result.layout == "unwrapped"
    assert result.title == "Bishkek Declaration of the Council of Heads of State"
    assert [p.section for p in result.paragraphs] == ["I. Security"] * 2 + ["II. Economy"]
    assert result.back_matter == [
        "President of the Kyrgyz Republic S. Japarov",
        "Bishkek, 5 July 2025",
    ]
    assert {"title-block", "heading", "signature", "place-date"} <= {r.rule for r in result.repairs}


def test_unwrapped_speech_keeps_a_paragraph_a_line() -> None:
    # an address, a line of figures and a drop capital are no title or heading
    lines = ["**Mr President,**", LONG, "A/70/PV.25 02/10/2015", "W", LONG, "Excellencies", LONG]
    result = normalize("\n".join(lines))
    assert result.layout == "unwrapped" and result.title == ""
    assert [p.text for p in result.paragraphs] == lines
    # with a heading among them, the address opens the text and the rest stays as it is
    result = normalize("\n".join([*lines, "Conclusion", LONG]))
    assert result.front_matter == ["**Mr President,**"]
    assert [p.text for p in result.paragraphs] == [*lines[1:], LONG]
    assert [p.section for p in result.paragraphs] == ["Preamble"] * 6 + ["Conclusion"]
