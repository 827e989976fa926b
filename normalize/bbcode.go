package normalize

import "strings"

// BBCode tables: a forum's markup writes a table with tags in square brackets ("[table][tr]
// [th]Layer (type)[/th]…[/tr][tr][td]dense (Dense)[/td]…"). They are the tags of an HTML table
// under other brackets, in the same layouts (one cell a line, one row a line, all on one line), so
// they are written as those tags and read by the HTML table reader. Only the table's own tags are
// rewritten ("x[i]" and "[b]" stay), and only on lines that hold one of them.

var bbTableTags = []string{"table", "tr", "td", "th"}

// bbTables rewrites the BBCode table tags of the lines as HTML tags of the same length.
func bbTables(in []Line) []Line {
	for k := range in {
		s := in[k].text.s
		if !bbTagStart(s) || !containsFold(s, "[td]", "[th]", "[tr]", "[/td]", "[/th]", "[/tr]", "[table]", "[/table]") {
			continue
		}
		t := &in[k].text
		var b builder
		kept := 0
		for i := 0; i < len(s); i++ {
			if s[i] != '[' {
				continue
			}
			n := bbTagLen(s[i:])
			if n == 0 {
				continue
			}
			b.keep(t, kept, i)
			b.litAt("<"+s[i+1:i+n-1]+">", t, i)
			kept = i + n
			i += n - 1
		}
		if kept == 0 {
			continue
		}
		b.keep(t, kept, len(s))
		in[k].set(b.text())
	}
	return in
}

// bbTagLen is the length of a BBCode table tag at the start of s ("[td]", "[/TABLE]"), 0 for none.
func bbTagLen(s string) int {
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	for _, tag := range bbTableTags {
		if len(s) >= i+len(tag)+1 && strings.EqualFold(s[i:i+len(tag)], tag) && s[i+len(tag)] == ']' {
			return i + len(tag) + 1
		}
	}
	return 0
}

// bbTagStart reports a "[t" or "[/t" in s, in either case: where every table tag starts. Shapes
// ("[null,28]") and connections ("dense[0][0]") hold many brackets and no such start, so their
// lines are passed over without a lower-case copy.
func bbTagStart(s string) bool {
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		c := s[i+1]
		if c == '/' && i+2 < len(s) {
			c = s[i+2]
		}
		if c == 't' || c == 'T' {
			return true
		}
		s = s[i+1:]
	}
}

func containsFold(s string, subs ...string) bool {
	low := strings.ToLower(s)
	for _, x := range subs {
		if strings.Contains(low, x) {
			return true
		}
	}
	return false
}
