#!/usr/bin/env python3
"""Rewrites the README's marked Java blocks (<!-- snippet: NAME -->) from the tagged regions of
examples/plain-java-server/.../ReadmeSnippets.java. ReadmeSnippetsTest fails when they differ."""
import pathlib, re, textwrap
root = pathlib.Path(__file__).resolve().parent.parent
src = (root / "examples/plain-java-server/src/main/java/dev/ivsplayback/examples/plain/ReadmeSnippets.java").read_text()
regions = {m.group(1): textwrap.dedent(m.group(2)) + "\n"
           for m in re.finditer(r"// tag::(\w+)\[]\n(.*?)\n\s*// end::\1\[]", src, re.S)}
readme = (root / "README.md").read_text()
def repl(m):
    return f"<!-- snippet: {m.group(1)} -->\n```java\n{regions[m.group(1)]}```"
readme = re.sub(r"<!-- snippet: (\w+) -->\n```java\n(.*?)```", repl, readme, flags=re.S)
(root / "README.md").write_text(readme)
