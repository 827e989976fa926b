package grammar

import (
	"regexp"
	"strings"
	"sync"

	"github.com/kexplain/kexplain/normalize"
)

// The blocks of TensorFlow.js code that tutorials wrap their model in, made Python line for line
// (so that line numbers stay): function declarations and arrow functions become def, if/else
// if/else become if/elif/else, for…of and counted for loops become for…in, arr.forEach(x => {
// a for loop over arr. The brace that closes such a block becomes a blank line; a brace that
// closes an object literal is left alone (the block stack remembers the bracket depth each
// block opened at). The body keeps its own indentation, which Python then reads.

var (
	jsFuncDecl = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\((.*)\)\s*\{$`)
	})
	jsFuncExpr = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?function\s*\*?\s*(?:[A-Za-z_$][\w$]*)?\s*\((.*)\)\s*\{$`)
	})
	jsArrow = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:\((.*)\)|([A-Za-z_$][\w$]*))\s*=>\s*\{$`)
	})
	jsIf    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^if\s*\((.*)\)\s*\{$`) })
	jsElse  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\}\s*else\s*(?:if\s*\((.*)\)\s*)?\{$`) })
	jsForOf = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^for\s*\(\s*(?:const\s+|let\s+|var\s+)?([A-Za-z_$][\w$]*)\s+of\s+(.*)\)\s*\{$`)
	})
	jsForCount = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^for\s*\(\s*(?:let\s+|var\s+)?([A-Za-z_$][\w$]*)\s*=\s*([^;]+);\s*([A-Za-z_$][\w$]*)\s*(<=|<)\s*([^;]+);\s*([A-Za-z_$][\w$]*)(\+\+|\s*\+=\s*([^)]+))\s*\)\s*\{$`)
	})
	jsForEach = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(.+)\.forEach\(\s*(?:async\s+)?(?:\(\s*([A-Za-z_$][\w$]*)\s*(?:,\s*([A-Za-z_$][\w$]*)\s*)?\)|([A-Za-z_$][\w$]*))\s*=>\s*\{$`)
	})
	jsCondRepl = sync.OnceValue(func() *strings.Replacer {
		return strings.NewReplacer("===", "==", "!==", "!=", "&&", " and ", "||", " or ")
	})
	jsCondNotRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`!([^=])`) })
)

// jsBlock is an open block: the bracket depth it opened at, and whether a forEach call opened it
// (its closing brace comes with the call's parenthesis: `});`).
type jsBlock struct {
	depth   int
	forEach bool
}

// jsBlocks rewrites the block lines of JavaScript already stripped of declarations and
// semicolons (jsLines).
func jsBlocks(lines []pyLine) []pyLine {
	var stack []jsBlock
	depth := 0
	for k := range lines {
		t := lines[k].text
		trim := normalize.TrimSpace(t)
		indent := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
		top := len(stack) - 1
		atBlock := top >= 0 && stack[top].depth == depth
		switch {
		case atBlock && (trim == "}" || stack[top].forEach && (trim == "})" || trim == "});")):
			stack = stack[:top]
			lines[k].text = ""
			continue
		case atBlock && !stack[top].forEach && jsElse().MatchString(trim):
			m := jsElse().FindStringSubmatch(trim)
			if strings.Contains(trim, " if") || strings.Contains(trim, "if(") {
				lines[k].text = indent + "elif " + jsCond(m[1]) + ":"
			} else {
				lines[k].text = indent + "else:"
			}
			continue
		}
		if py, forEach, ok := jsBlockHead(trim); ok {
			lines[k].text = indent + py
			stack = append(stack, jsBlock{depth: depth, forEach: forEach})
			if len(stack) > 256 {
				return lines
			}
			continue
		}
		depth += bracketDelta(t)
	}
	return lines
}

// jsBlockHead is the Python header of a line that opens a JavaScript block.
func jsBlockHead(trim string) (string, bool, bool) {
	if !strings.HasSuffix(trim, "{") {
		return "", false, false
	}
	if m := jsFuncDecl().FindStringSubmatch(trim); m != nil {
		return "def " + m[1] + "(" + m[2] + "):", false, true
	}
	if m := jsFuncExpr().FindStringSubmatch(trim); m != nil {
		return "def " + m[1] + "(" + m[2] + "):", false, true
	}
	if m := jsArrow().FindStringSubmatch(trim); m != nil {
		return "def " + m[1] + "(" + m[2] + m[3] + "):", false, true
	}
	if m := jsIf().FindStringSubmatch(trim); m != nil {
		return "if " + jsCond(m[1]) + ":", false, true
	}
	if m := jsForOf().FindStringSubmatch(trim); m != nil {
		return "for " + m[1] + " in " + m[2] + ":", false, true
	}
	if m := jsForCount().FindStringSubmatch(trim); m != nil && m[1] == m[3] && m[1] == m[6] {
		stop := normalize.TrimSpace(m[5])
		if m[4] == "<=" {
			stop = "(" + stop + ") + 1"
		}
		step := "1"
		if m[8] != "" {
			step = normalize.TrimSpace(m[8])
		}
		return "for " + m[1] + " in range(" + normalize.TrimSpace(m[2]) + ", " + stop + ", " + step + "):", false, true
	}
	if m := jsForEach().FindStringSubmatch(trim); m != nil {
		if m[3] != "" {
			// arr.forEach((x, i) => {: the index too
			return "for " + m[3] + ", " + m[2] + " in enumerate(" + m[1] + "):", true, true
		}
		return "for " + m[2] + m[4] + " in " + m[1] + ":", true, true
	}
	return "", false, false
}

// jsCond makes a JavaScript condition Python.
func jsCond(s string) string {
	s = jsCondRepl().Replace(s)
	return normalize.TrimSpace(jsCondNotRe().ReplaceAllString(s, " not $1"))
}
