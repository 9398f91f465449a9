"""What declarations commit to and how their language travels.

Three modules, each re-exported by :mod:`sco_text` under the names below (this
package itself exports nothing, so no module here sits beside a function of its
own name):

* :mod:`sco_text.language.commitments`: ``commitments``, ``commitment_counts``;
* :mod:`sco_text.language.phrases`: ``phrase_history``, ``phrase_timeline``;
* :mod:`sco_text.language.reuse`: ``reuse``, ``reuse_shares``.
"""

__all__: list[str] = []
