"""A printk block read back from a console log: its header line and the item lines that follow.
Shared by compare-layout.py and firmware-report.py, which must cut Linux's and bootmem's
blocks ("Zone ranges:", "Early memory node ranges", ...) the same way."""
import re


def block(lines, header, item):
    """[header, items...]: the first line equal to @header and the lines after it that match
    the regular expression @item, up to the first that does not; [] without the header."""
    for i, ln in enumerate(lines):
        if ln == header:
            res = [ln]
            for nxt in lines[i + 1:]:
                if not re.match(item, nxt):
                    break
                res.append(nxt)
            return res
    return []
