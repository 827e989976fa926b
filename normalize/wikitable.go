package normalize

import "strings"

// MediaWiki tables: a wiki writes a table between "{|" and "|}", a row after each "|-", header
// cells after "!" (several on a line parted by "!!") and cells after "|" (parted by "||"), one
// cell a line or one row a line. Inside such a block the markers are written as the HTML table
// tags they stand for, and the HTML table reader reads the table. Lines outside a block stay as
// they are: a tf.keras nested row "| conv2d (Conv2D) … |" is no wiki cell.

// maxWikiTable bounds the lines looked through for a block's "|}".
const maxWikiTable = 1 << 16

// wikiTables rewrites the markers of every MediaWiki table block as HTML table tags.
func wikiTables(in []Line) []Line {
	for i := 0; i < len(in); i++ {
		if !strings.HasPrefix(wikiText(in[i].text.s), "{|") {
			continue
		}
		end := -1
		for j := i + 1; j < len(in) && j-i < maxWikiTable; j++ {
			t := wikiText(in[j].text.s)
			if strings.HasPrefix(t, "|}") {
				end = j
				break
			}
			if strings.HasPrefix(t, "{|") {
				break
			}
		}
		if end < 0 {
			continue
		}
		for j := i; j <= end; j++ {
			in[j] = wikiLine(in[j])
		}
		i = end
	}
	return in
}

// wikiText is s after its indentation and its quoting, comment or logging prefix.
func wikiText(s string) string {
	s = s[stripPrefix(s):]
	return strings.TrimLeft(s, " ")
}

// wikiLine writes one line of a block with its markers as tags.
func wikiLine(l Line) Line {
	t := &l.text
	s := t.s
	a := len(s) - len(wikiText(s))
	var b builder
	// a quoting, comment or logging prefix goes: between the tags it would be part of a cell
	switch {
	case strings.HasPrefix(s[a:], "{|"):
		b.litAt("<table>", t, a)
	case strings.HasPrefix(s[a:], "|}"):
		b.litAt("</table>", t, a)
	case strings.HasPrefix(s[a:], "|-"):
		b.litAt("<tr>", t, a)
	case strings.HasPrefix(s[a:], "|+"):
		b.litAt("<caption>", t, a)
		b.keep(t, a+2, len(s))
	case strings.HasPrefix(s[a:], "!"), strings.HasPrefix(s[a:], "|"):
		tag, sep := "<td>", "||"
		if s[a] == '!' {
			tag, sep = "<th>", "!!"
		}
		from := a + 1
		for {
			b.litAt(tag, t, from-1)
			k := strings.Index(s[from:], sep)
			if k < 0 {
				b.keep(t, from, len(s))
				break
			}
			b.keep(t, from, from+k)
			from += k + 2
		}
	default:
		return l
	}
	l.set(b.text())
	return l
}
