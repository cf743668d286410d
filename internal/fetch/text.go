package fetch

import (
	"strings"

	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText turns a fragment of HTML (a feed item's description or content)
// into plain text: entities resolved, tags gone, paragraphs separated by
// blank lines. HTML escaped twice (&lt;p&gt; inside CDATA, as some feeds
// write it) is read as HTML too.
func htmlText(s string) string {
	text := fragmentText(s)
	if text != s && strings.Contains(text, "</") && strings.Contains(text, ">") {
		return fragmentText(text)
	}
	return text
}

func fragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return paragraphs(s)
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return paragraphs(s)
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return nodeText(body)
}

// nodeText is the text of n as a browser lays it out (blocks on their own
// lines), scripts, styles and forms left out, normalized by paragraphs.
func nodeText(n *html.Node) string {
	dropHidden(n)
	divParagraphs(n)
	return paragraphs(render.InnerText(n))
}

// divParagraphs makes each div that holds only text and inline elements a
// paragraph, as sites write their paragraphs as divs (Fars' rtejustify).
func divParagraphs(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		divParagraphs(c)
		if c.DataAtom == atom.Div && !hasBlock(c) {
			c.Data, c.DataAtom = "p", atom.P
		}
	}
}

// hasBlock reports whether n has an element child laid out as a block.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blocks[c.DataAtom] {
			return true
		}
	}
	return false
}

var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Details: true,
	atom.Dl: true, atom.Div: true, atom.Fieldset: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Table: true, atom.Ul: true,
}

// dropHidden removes what is never text from under n.
func dropHidden(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode {
			n.RemoveChild(c)
		} else if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Form, atom.Button, atom.Select,
				atom.Iframe, atom.Svg, atom.Object:
				n.RemoveChild(c)
			default:
				dropHidden(c)
			}
		}
		c = next
	}
}

// paragraphs normalizes plain text: spaces collapsed within lines, lines
// trimmed, a blank line between paragraphs, and no blank line at the ends.
// Zero-width non-joiners (the Persian half-space) stay.
func paragraphs(s string) string {
	var b strings.Builder
	blank := false
	for line := range strings.Lines(s) {
		line = oneLine(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// oneLine collapses every run of white space (no-break spaces included)
// into one space, and trims the ends.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\u2029', '\u202f', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}
