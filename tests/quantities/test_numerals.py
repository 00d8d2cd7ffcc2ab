"""Chinese numerals read by quantities.numbers as cn2an reads them: the common forms without
importing cn2an (a fifth of a second, most of an import's start-up), the rest by cn2an."""

from __future__ import annotations

import random
import subprocess
import sys

import cn2an
import pytest

from duban.quantities.numbers import CN_DIGITS, chinese_numeral, to_decimal


def _smart(text: str) -> object:
    try:
        return cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十三", 13),
        ("两千", 2000),
        ("一百零五", 105),
        ("二十五万五千", 255000),
        ("一亿二千万", 120000000),
        ("一千零一十", 1010),
        ("二〇二〇", 2020),
    ],
)
def test_written_out_numerals(text: str, value: int) -> None:
    assert chinese_numeral(text) == value == _smart(text)


@pytest.mark.parametrize("text", ["三万五", "三百五", "一百一"])
def test_an_abbreviated_last_unit_is_left_to_cn2an(text: str) -> None:
    assert chinese_numeral(text) is None
    assert to_decimal(text) == _smart(text)


def test_numbers_as_cn2an_writes_them_read_back_the_same() -> None:
    rng = random.Random(19)
    for n in range(0, 20001):
        assert chinese_numeral(cn2an.an2cn(n)) == n, n
    for n in [*range(0, 20001, 7), *(rng.randrange(10**12) for _ in range(5000))]:
        text = cn2an.an2cn(n)
        # cn2an cannot read some of its own large ones back (五百零一亿…): those are left.
        assert chinese_numeral(text) in (None, n, _smart(text)), text
        spoken = text.replace("二", "两", 1)
        assert chinese_numeral(spoken) in (None, _smart(spoken)), spoken


def test_any_string_of_numeral_characters_reads_as_cn2an_reads_it_or_is_left_to_it() -> None:
    rng = random.Random(20)
    for _ in range(30000):
        text = "".join(rng.choice(CN_DIGITS) for _ in range(rng.randint(1, 8)))
        value = chinese_numeral(text)
        if value is not None:
            assert value == _smart(text), text


def test_the_quantities_core_reads_a_report_without_importing_cn2an() -> None:
    code = (
        "import sys; from duban.quantities import assess; "
        "assess('新建两所学校，改造一百零五个小区', '已建成两所，改造一百零五个'); "
        "print('cn2an' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
