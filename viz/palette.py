"""Colours a person can tell apart, also with the common colour vision deficiencies.

Entity types and territories take the Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008), whose
eight colours stay distinct under protanopia, deuteranopia and tritanopia; communities take Paul Tol's "muted"
qualitative scheme (nine colours, also safe for colour-blind readers). Groups that mix types (the unconnected
entities) are grey, and every colour is named in a legend beside the picture.
"""

from __future__ import annotations

TYPE_COLOURS = {
    "Municipality": "#56B4E9",
    "Organisation": "#D55E00",
    "Structure": "#009E73",
    "Project": "#E69F00",
}
"""Colour of each entity type of the cooperation network (sky blue, vermilion, bluish green, orange)."""
MIXED = "#9A9A9A"
"""The colour of a group of entities of several types."""

TERRITORY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
"""Colours of the territories of a map in turn (blue, orange, bluish green, reddish purple, sky blue, vermilion,
yellow); the municipalities of no known territory are MIXED."""

COMMUNITY_COLOURS = (
    "#CC6677",
    "#332288",
    "#DDCC77",
    "#117733",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)
"""Colours of the largest communities in turn (Tol's muted scheme); smaller communities share OTHER_COMMUNITY."""
OTHER_COMMUNITY = "#DDDDDD"
