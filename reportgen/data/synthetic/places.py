"""Fictional English place names for the 152 comparator authorities.

Real council names beside made-up figures would read as statements about real councils,
so every name is composed from two parts (``Ashbury``, ``Kingsmere``) and checked against
the names of real children's services authorities that such a composition could produce.
"""

from __future__ import annotations

import numpy as np

PREFIXES = (
    "Ash",
    "Kings",
    "Amber",
    "Briar",
    "Copper",
    "Elder",
    "Fallow",
    "Glen",
    "Heron",
    "Juniper",
    "Larch",
    "Moss",
    "Oak",
    "Raven",
    "Sorrel",
    "Thistle",
    "Willow",
    "Wren",
    "Hazel",
    "Linden",
    "Marsh",
    "Rowan",
    "Sedge",
    "Bracken",
    "Holly",
    "Alder",
    "Beck",
    "Cran",
    "Dun",
    "Fern",
    "Gorse",
    "Hart",
    "Ivy",
    "Kestrel",
    "Lark",
    "Mallow",
    "Nettle",
    "Otter",
    "Pike",
    "Quill",
    "Rush",
    "Sloe",
    "Teal",
    "Vale",
    "Whin",
    "Yarrow",
    "Stone",
    "Frost",
    "Brook",
    "Chalk",
)
SUFFIXES = (
    "bury",
    "mere",
    "ford",
    "ton",
    "ley",
    "field",
    "wick",
    "dale",
    "stead",
    "worth",
    "combe",
    "minster",
    "gate",
    "haven",
    "brook",
    "cross",
    "holme",
    "thorpe",
    "by",
    "well",
)
# Real authorities (or well-known towns) a prefix + suffix above could spell.
REAL = frozenset(
    {
        "Oakham",
        "Ashford",
        "Ashton",
        "Kingston",
        "Brookfield",
        "Stoneleigh",
        "Hartlepool",
        "Marshfield",
        "Ashby",
        "Kingsbury",
        "Ashwell",
        "Oakley",
        "Ashley",
        "Stonehaven",
        "Oakwell",
        "Hollyfield",
        "Linton",
        "Stoneton",
        "Kingsford",
        "Hartford",
        "Oakdale",
        "Wrenbury",
        "Frostfield",
        "Marston",
        "Ashbourne",
        "Alderley",
        "Fernley",
        "Beckton",
        "Becksworth",
        "Brookwell",
        "Stonebury",
        "Hartley",
        "Kingsley",
        "Kingswood",
        "Holmfirth",
        "Dunford",
        "Cranford",
        "Ravensworth",
        "Ravenscross",
        "Chalkwell",
        "Stonecross",
    }
)


def place_names(
    count: int, rng: np.random.Generator, exclude: frozenset[str] = frozenset()
) -> list[str]:
    """``count`` distinct fictional names, none of them a real authority's."""
    names: list[str] = []
    seen = set(exclude) | REAL
    while len(names) < count:
        prefix = PREFIXES[rng.integers(len(PREFIXES))]
        suffix = SUFFIXES[rng.integers(len(SUFFIXES))]
        name = prefix + suffix
        if prefix[-1] != suffix[0] and name not in seen:  # no "Hartton"
            seen.add(name)
            names.append(name)
    return names
