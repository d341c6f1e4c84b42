"""Decks written for Slidev on the web open: every slide present, what cannot run dropped."""

from __future__ import annotations

import re
from collections.abc import Callable

from kiosk.deck import Deck, Layout

DeckOf = Callable[..., Deck]

# Written in the style of Slidev's starter template and its documentation:
# remote cover, Vue components, v-click, <style>, code with line highlights,
# KaTeX, Mermaid, icons, two-cols, image-right, MDC attributes.
STARTER = r"""---
theme: seriph
background: https://cover.sli.dev
title: Welcome to Slidev
info: |
  ## Slidev Starter Template
  Presentation slides for developers.
class: text-center
drawings:
  persist: false
transition: slide-left
mdc: true
---

# Welcome to Slidev

Presentation slides for developers

<div @click="$slidev.nav.next" class="mt-12 py-1" hover:bg="white op-10">
  Press Space for next page <carbon:arrow-right />
</div>

<div class="abs-br m-6 text-xl">
  <button @click="$slidev.nav.openInEditor()" title="Open in Editor" class="slidev-icon-btn">
    <carbon:edit />
  </button>
  <a href="https://github.com/slidevjs/slidev" target="_blank" class="slidev-icon-btn">
    <carbon-logo-github />
  </a>
</div>

<!--
The last comment block of each slide will be treated as slide notes.
-->

---
transition: fade-out
---

# What is Slidev?

Slidev is a slides maker and presenter designed for developers:

- 📝 **Text-based** - focus on the content with Markdown
- 🎨 **Themable** - themes can be shared and re-used as npm packages
- 🤹 **Interactive** - embed Vue components to enhance your expressions

<br>

Read more about [Why Slidev?](https://sli.dev/guide/why)

<style>
h1 {
  background-color: #2B90B6;
  background-image: linear-gradient(45deg, #4EC5D4 10%, #146b8c 20%);
  -webkit-background-clip: text;
}
</style>

<!--
Here is another comment.
-->

---
layout: default
---

# Table of contents

<Toc text-sm minDepth="1" maxDepth="2" />

---
layout: image-right
image: https://cover.sli.dev
---

# Code

Use code snippets and get the highlighting directly, and even types hover!

```ts {all|5|7|7-8|10|all} twoslash
// TwoSlash enables TypeScript hover information
import { computed, ref } from 'vue'

const count = ref(0)
const doubled = computed(() => count.value * 2)

doubled.value = 2
```

<arrow v-click="[4, 5]" x1="350" y1="310" x2="195" y2="334" color="#953" width="2" />

---

# Components

<div grid="~ cols-2 gap-4">
<div>

You can use Vue components directly inside your slides.

<Counter :count="10" />

</div>
<div>

```html
<Tweet id="1390115482657726468" />
```

<Tweet id="1390115482657726468" scale="0.65" />

</div>
</div>

---
class: px-20
---

# Themes

| Default | Seriph |
| --- | --- |
| <img border="rounded" src="https://github.com/slidevjs/themes/blob/main/screenshots/theme-default/01.png?raw=true" alt=""> | <img border="rounded" src="https://github.com/slidevjs/themes/blob/main/screenshots/theme-seriph/01.png?raw=true" alt=""> |

---

# Clicks Animations

<div v-click>

This shows up when you click the slide.

</div>

<v-clicks>

- Item 1
- Item 2

</v-clicks>

---

# LaTeX

Inline $\sqrt{3x-1}+(1+x)^2$

$$
\begin{array}{c}
\nabla \times \vec{\mathbf{B}} = \frac{4\pi}{c}\vec{\mathbf{j}}
\end{array}
$$

---

# Diagrams

```mermaid {scale: 0.5}
sequenceDiagram
    Alice->John: Hello John, how are you?
```

---
layout: two-cols
layoutClass: gap-16
---

# Left

Text on the left

::right::

# Right

<Youtube id="luoMHjh-XcQ" />

---
layout: center
class: text-center
---

# Learn More

[Documentation](https://sli.dev) · [GitHub](https://github.com/slidevjs/slidev)

<PoweredBySlidev mt-10 />
"""


def test_starter_deck_opens_with_every_slide(deck: DeckOf) -> None:
    d = deck(STARTER)
    assert [s.title for s in d.slides] == [
        "Welcome to Slidev",
        "What is Slidev?",
        "Table of contents",
        "Code",
        "Components",
        "Themes",
        "Clicks Animations",
        "LaTeX",
        "Diagrams",
        "Left",
        "Learn More",
    ]
    assert d.errors == ()
    assert d.slides[3].layout is Layout.IMAGE_RIGHT
    assert d.slides[9].layout is Layout.TWO_COLS and "Right" in d.slides[9].right
    assert d.slides[0].note.startswith("The last comment block")


def test_starter_deck_drops_what_cannot_run_and_says_where(deck: DeckOf) -> None:
    d = deck(STARTER)
    warnings = [(f.line, f.message) for f in d.warnings]
    expected = [
        (3, "remote image https://cover.sli.dev dropped (never fetched)"),
        (19, "raw HTML <div> dropped (its text is kept); Vue attribute @click ignored"),
        (20, "Vue component <carbon:arrow-right> dropped (components are not run in the kiosk)"),
        (48, "raw HTML <br> dropped (its text is kept)"),
        (52, "<style> dropped with its content (never run in the kiosk)"),
        (70, "Vue component <Toc> dropped (components are not run in the kiosk)"),
        (74, "remote image https://cover.sli.dev dropped (never fetched)"),
    ]
    for item in expected:
        assert item in warnings
    assert all(f.file == d.path for f in d.findings)
    everything = "".join(s.body + s.right for s in d.slides)
    for gone in ("<div", "<style", "background-color", "<Tweet", "<Toc", "carbon", "<img"):
        assert gone not in everything
    # Code stays code, even when it shows a component.
    assert "&lt;Tweet id=" in re.sub(r"<span[^>]*>|</span>", "", d.slides[4].body)
    assert "This shows up when you click the slide." in d.slides[6].body
    assert "Item 2" in d.slides[6].body


def test_unknown_slidev_keys_are_not_warned_about(deck: DeckOf) -> None:
    d = deck(STARTER)
    keys = [f.message for f in d.warnings if "frontmatter key" in f.message]
    assert keys == ["unknown frontmatter key `layoutClass` (ignored)"]
