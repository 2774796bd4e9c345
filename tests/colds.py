"""The small article several test modules review: a title and three paragraphs of
health claims about colds, sleep and drugs, and a reference list to append."""

from __future__ import annotations

ARTICLE = """\
Vitamin D and winter colds

Vitamin D supplements reduce the risk of colds by 40 percent in adults. \
Researchers at a large university found that daily doses cut hospital visits in half. \
Many patients report that acupuncture cures chronic back pain within two weeks.

Some people prefer tea. Regular exercise improves sleep quality in older adults, \
according to a 2019 trial. Sugar causes hyperactivity in children, studies show.

The new drug is completely safe and has no side effects.
"""

REFERENCES = """
References

1. Zhang X, Liu H. Acupuncture for chronic pain: a review. J Pain. 2021;12(3):40-52.
"""
