"""Chinese numerals as the readers read them: one alphabet, from which each reader takes the
letters it reads (an item number is never 千; a cell's number may be 〇, a paragraph's not)."""

DIGITS = "一二三四五六七八九"  # DIGITS[n - 1] is n
ZERO = "零〇"
TWO = "两"  # two before a counter: 两项
TEN = "十"
HUNDRED = "百"
