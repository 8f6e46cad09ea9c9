"""The layout holds on a phone, a tablet and a laptop (320, 768 and 1280 px wide), in Chromium,
over every main type of public page of the demo content, each loaded on the phone and widened as a
visitor turns or resizes their screen (the styles answer the width, not the load): nothing pushes
the page sideways, no table is wider than its box, no table's caption runs past its box, no word
is broken in the middle where it would fit on a line, the main menu stays on one row on a laptop,
list bullets sit beside the first line of their link, headings keep their distance from the box
above, a page has one sign-up form and no two fields with one label
(tests/seslip/test_accessibility.py runs axe-core on the same pages)."""

import pytest

from tests.helpers import PUBLIC_PAGES

pytestmark = pytest.mark.browser

WIDTHS = [320, 768, 1280]

# Each check is a function of the page, run in it; it returns a list of what is wrong.
HORIZONTAL_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = document.documentElement.scrollWidth;
    return wide > width ? [`the page is ${wide}px wide in a ${width}px window`] : [];
}"""

TABLES_WIDER_THAN_THEIR_BOX = """() => Array.from(document.querySelectorAll('main table'))
    .filter(table => table.getBoundingClientRect().width > table.parentElement.clientWidth + 0.5)
    .map(table => `a table is ${table.getBoundingClientRect().width}px wide in a `
                  + `${table.parentElement.clientWidth}px box: `
                  + table.innerText.slice(0, 60))"""

# A table's caption lies within what the box of the table shows (a wide table scrolls in it).
CAPTIONS_PAST_THEIR_BOX = """() => Array.from(document.querySelectorAll('main caption'))
    .filter(caption => caption.offsetParent)
    .filter(caption => {
        const box = caption.closest('table').parentElement.getBoundingClientRect();
        const shown = caption.getBoundingClientRect();
        return shown.left < box.left - 0.5 || shown.right > box.right + 0.5;
    })
    .map(caption => `the caption "${caption.innerText.slice(0, 60)}" runs past its box`)"""

# A word (between spaces and hyphens) laid out over two lines although it would fit on one line
# of the block it is in (in a table: of the table's box, since a cell can be made narrower).
WORDS_BROKEN_MID_WORD = r"""() => {
    const broken = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const roomFor = element => {
        const table = element.closest('table');
        let block = table ? table.parentElement : element;
        while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) {
            block = block.parentElement;
        }
        const style = getComputedStyle(block);
        return block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || element.closest('script, style, .govuk-visually-hidden')) continue;
        const words = /[^\s\-‐–—]+/g;
        for (let match = words.exec(node.data); match; match = words.exec(node.data)) {
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
            const lines = new Set(rects.map(r => Math.round(r.bottom)));
            if (lines.size < 2) continue;
            const width = rects.reduce((sum, r) => sum + r.width, 0);
            if (width <= roomFor(element)) broken.push(`"${match[0]}" is broken over two lines`);
        }
    }
    return broken;
}"""

MENU_ON_MORE_THAN_ONE_ROW = """() => {
    const items = Array.from(document.querySelectorAll('.govuk-service-navigation__item'));
    const rows = new Set(items.map(item => Math.round(item.getBoundingClientRect().top)));
    return rows.size > 1 ? [`the main menu takes ${rows.size} rows`] : [];
}"""

# A bulleted link over several lines must wrap as text: as one inline block, its bullet sits
# beside its last line.
BULLETS_BESIDE_THE_LAST_LINE = """() => Array.from(document.querySelectorAll('li'))
    .filter(li => getComputedStyle(li).display === 'list-item'
                  && getComputedStyle(li).listStyleType !== 'none')
    .map(li => li.querySelector(':scope > a'))
    .filter(link => {
        if (!link) return false;
        const boxes = link.getClientRects();
        const line = parseFloat(getComputedStyle(link).lineHeight);
        return boxes.length === 1 && boxes[0].height > 1.6 * line;
    })
    .map(link => `the bullet of "${link.innerText}" sits beside its last line`)"""

# A heading with a box (a border or a background) just above it keeps at least 15px from it.
HEADINGS_TOUCHING_THE_BOX_ABOVE = """() => Array.from(document.querySelectorAll('main h2'))
    .filter(heading => heading.offsetParent)
    .map(heading => [heading, heading.previousElementSibling])
    .filter(([heading, above]) => above && above.offsetParent)
    .filter(([heading, above]) => {
        const boxed = element => {
            const style = getComputedStyle(element);
            return ['Top', 'Right', 'Bottom', 'Left']
                    .some(side => parseFloat(style[`border${side}Width`]) > 0)
                || style.backgroundColor !== 'rgba(0, 0, 0, 0)'
                || Array.from(element.children).some(child => child.offsetParent && boxed(child));
        };
        const gap = heading.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
        return gap < 15 && boxed(above);
    })
    .map(([heading]) => `"${heading.innerText}" touches the box above it`)"""

SIGN_UP_FORMS = """() => {
    const forms = document.querySelectorAll('form[action$="/newsletters/subscribe/"]');
    return forms.length > 1 ? [`${forms.length} sign-up forms`] : [];
}"""

FIELDS_SHARING_A_LABEL = """() => {
    const seen = new Map();
    for (const label of document.querySelectorAll('label[for]')) {
        const text = label.innerText.trim();
        seen.set(text, (seen.get(text) || 0) + 1);
    }
    return Array.from(seen).filter(([, n]) => n > 1)
        .map(([text, n]) => `${n} fields are labelled "${text}"`);
}"""

EVERY_WIDTH = [
    HORIZONTAL_OVERFLOW,
    CAPTIONS_PAST_THEIR_BOX,
    WORDS_BROKEN_MID_WORD,
    BULLETS_BESIDE_THE_LAST_LINE,
    HEADINGS_TOUCHING_THE_BOX_ABOVE,
    SIGN_UP_FORMS,
    FIELDS_SHARING_A_LABEL,
]
LAPTOP = [TABLES_WIDER_THAN_THEIR_BOX, MENU_ON_MORE_THAN_ONE_ROW]


def problems(page, checks):
    return [problem for check in checks for problem in page.evaluate(check)]


@pytest.mark.parametrize("page_type", PUBLIC_PAGES)
def test_the_layout_holds(page, live_site, public_pages, page_type):
    path = public_pages[page_type]
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(live_site + path)
    page.evaluate("document.fonts.ready")

    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        checks = EVERY_WIDTH + (LAPTOP if width == 1280 else [])
        found += [f"at {width}px: {problem}" for problem in problems(page, checks)]

    assert not found, f"{path}:\n" + "\n".join(f"- {p}" for p in found[:20])
