"""Pair a completion list with the plan it completes. Pure Python, no Django.

>>> from duban.pairing import Outcome, Promise, pair
>>> pairing = pair([Promise(1, "改造农村公路1万公里")], [Outcome(1, "新改建农村公路1.2万公里")])
>>> pairing.pairs[0].promise, pairing.pairs[0].how
(1, 'content')
"""

from .core import Outcome, Pair, Pairing, Promise, pair

__all__ = ["Outcome", "Pair", "Pairing", "Promise", "pair"]
