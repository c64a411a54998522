"""Saved web pages: visible text by block, with tag, landmark and link density."""

from builder.ingest.html import html_to_lines
from builder.ingest.source import read_source

PAGE = """<!doctype html><html><head><title>Site | Alibaba’s plan</title>
<meta property="og:title" content="Alibaba’s plan">
<style>p{color:red}</style><script>var x = "hidden";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Tech</a></li></ul></nav>
<article>
<h1>Alibaba’s plan</h1>
<p>Daniel Zhang wants <b>Alibaba</b> to reach <a href="/gmv">$1 trillion</a> in GMV by 2020.</p>
<h2>A new goal</h2>
<figure><img src="a.jpg" alt=""><figcaption>Photo by A. Person</figcaption></figure>
<p>Second<br>paragraph.</p>
<div hidden>Invisible text</div>
</article>
<footer role="contentinfo"><p>© 2024 Example News</p></footer>
</body></html>"""


def test_blocks_tags_regions_and_link_density():
    lines, title = html_to_lines(PAGE)
    assert title == "Alibaba’s plan"
    by_text = {line.text: line for line in lines}
    assert by_text["Home"].region == "nav" and by_text["Home"].link_density == 1.0
    body = by_text["Daniel Zhang wants Alibaba to reach $1 trillion in GMV by 2020."]
    assert body.tag == "p" and body.region == "article" and 0 < body.link_density < 0.3
    assert by_text["A new goal"].tag == "h2"
    assert by_text["Photo by A. Person"].tag == "figcaption"
    assert by_text["© 2024 Example News"].region == "footer"
    assert "Second" in by_text and "paragraph." in by_text  # <br> splits lines
    texts = " ".join(by_text)
    assert "hidden" not in texts and "Invisible" not in texts and "color" not in texts
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))


def test_html_file_is_decoded_and_cleaned_like_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.replace("’", "&rsquo;").encode("cp1252"))
    raw = read_source(path)
    assert raw.kind == "html"
    assert raw.declared_title == "Alibaba’s plan"
    assert any(line.text == "A new goal" for line in raw.lines)


def test_clean_command_on_a_saved_page_and_a_markdown_file(tmp_path):
    import subprocess
    import sys

    page = tmp_path / "page.html"
    body = " ".join(["Daniel Zhang wants Alibaba to reach a trillion dollars in GMV by 2020,"
                     " and he told the staff why in a long speech."] * 3)
    page.write_text(PAGE.replace("Second<br>paragraph.", body), "utf-8")
    note = tmp_path / "note.md"
    note.write_text("---\ntitle: A note\n---\n\nBody.\n", "utf-8")
    outputs = [subprocess.run([sys.executable, "-m", "builder.cli", "clean", str(p)],
                              capture_output=True, text=True, check=True).stdout
               for p in (page, note)]
    assert outputs[0].startswith("# Alibaba’s plan\n\n")
    assert body in outputs[0] and "Home" not in outputs[0] and "©" not in outputs[0]
    assert outputs[1] == "# A note\n\nBody.\n"


def test_a_form_around_the_whole_page_is_read_and_a_widget_form_is_not():
    """Some CMSs (ASP.NET among them) wrap the whole page in one <form>: dropping forms
    wholesale left such pages empty, silently."""
    article = " ".join(["The council approved the budget after a long debate."] * 6)
    wrapped = (f"<html><body><form id='aspnetForm'><h1>Budget passes</h1><p>{article}</p>"
               "<input type='hidden' name='__VIEWSTATE' value='x'></form></body></html>")
    lines, _ = html_to_lines(wrapped)
    assert [line.text for line in lines] == ["Budget passes", article]
    widget = (f"<html><body><h1>Budget passes</h1><p>{article}</p><form><label>Your email"
              "</label><input name='email'><button>Subscribe</button></form></body></html>")
    lines, _ = html_to_lines(widget)
    assert [line.text for line in lines] == ["Budget passes", article]
