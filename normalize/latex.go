package normalize

import "strings"

// LaTeX tables in papers and their READMEs: "conv2d (Conv2D) & (None, 26, 26, 32) & 320 \\",
// "\hline" rules, "\textbf{…}" around a cell. A row becomes a line of cells like a Markdown pipe
// row; a rule command becomes a rule line.

var latexRules = []string{`\hline`, `\toprule`, `\midrule`, `\bottomrule`, `\cline`, `\cmidrule`}

// latexCommands wrap a cell's text and are removed, their braces with them.
var latexCommands = []string{`\textbf{`, `\texttt{`, `\emph{`, `\textit{`, `\text{`, `\mathrm{`}

// latexLine undoes the LaTeX of a table line; ok false for other lines.
func latexLine(l Line, p0 int) (Line, bool) {
	s := l.text.s
	t := TrimSpace(s[p0:])
	if !strings.Contains(t, `\`) {
		return l, false
	}
	for _, r := range latexRules {
		if strings.HasPrefix(t, r) && !strings.Contains(t, "&") {
			var b builder
			b.litAt("-------------------------", &l.text, 0)
			l.set(b.text())
			return l, true
		}
	}
	end := strings.LastIndex(s, `\\`)
	if end < p0 || strings.Count(s[p0:end], "&") < 2 {
		return l, false
	}
	// cells between unescaped ampersands, before the row's "\\"
	var b builder
	b.litAt("│ ", &l.text, p0)
	start := p0
	for i := p0; i <= end; i++ {
		if i < end && (s[i] != '&' || i > 0 && s[i-1] == '\\') {
			continue
		}
		latexCell(&b, &l.text, start, i)
		if i < end {
			b.litAt(" │ ", &l.text, i)
		}
		start = i + 1
	}
	b.litAt(" │", &l.text, end)
	l.set(b.text())
	l.Cells = true
	return l, true
}

// latexCell appends s[a:b] without its wrapping commands and braces; escapes (\_ \& \#) stay for
// the Markdown step, which undoes them.
func latexCell(b *builder, t *text, a, e int) {
	s := t.s
	for a < e && s[a] == ' ' {
		a++
	}
	for e > a && s[e-1] == ' ' {
		e--
	}
	for _, c := range latexCommands {
		if strings.HasPrefix(s[a:e], c) && strings.HasSuffix(s[a:e], "}") {
			a += len(c)
			e--
			break
		}
	}
	switch s[a:e] {
	case `\ldots`, `\dots`, `\cdots`, `dots`:
		b.litAt("…", t, a) // rows left out
		return
	}
	b.keep(t, a, e)
}
