"""Evidence in: survey files read, their columns recognised, respondents segmented, personas drafted.

Modules: :mod:`.models` (the tables and input rules), :mod:`.reading` (CSV/XLSX bytes to a table of
text), :mod:`.kinds` (what each column holds), :mod:`.encoding` (answers to numbers),
:mod:`.segmentation` (stable k-means segments, pure), :mod:`.profiles` (what sets a segment apart),
:mod:`.services` (the session functions) and :mod:`.cli` (the ``survey`` commands).
"""
