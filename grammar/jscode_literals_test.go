package grammar

import "testing"

// TestJSLiterals: shorthand properties beside written-out ones, and template literals, are made
// Python; what is not closed on its line is left as it is.
func TestJSLiterals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`f({units, activation: 'relu'})`, `f({ units: units, activation: 'relu'})`},
		{`f({inputShape: [n, 2], units})`, `f({inputShape: [n, 2], units: units})`},
		{`f({a: {b, c: 1}})`, `f({a: { b: b, c: 1}})`},
		{`f({units,`, `f({units,`},
		{"x = `dense_${i}`", `x = f"dense_{i}"`},
		{"x = `a{b}_${i + 1}`", `x = f"a{{b}}_{i + 1}"`},
		{"x = `say \"hi\" ${n}`", `x = f'say "hi" {n}'`},
		{"x = `open", "x = `open"},
		{"`", "`"},
		{"'`' + `${a}`", `'` + "`" + `' + f"{a}"`},
		{`f({units: n, inputShape: i === 0 ? [10] : undefined})`, `f({units: n, inputShape: ([10] if i == 0 else None)})`},
		{`    activation: last ? 'softmax' : 'relu',`, `    activation: ('softmax' if last else 'relu'),`},
		{`    units: a ?? 3,`, `    units: a ?? 3,`},
		{`    name: x?.name,`, `    name: x?.name,`},
		{`    units: a ? b ? 1 : 2 : 3,`, `    units: a ? b ? 1 : 2 : 3,`},
		{`    units: a ? 1 : b ? 2 : 3,`, `    units: (1 if a else (2 if b else 3)),`},
		{`  case 'a': x = 1`, `  case 'a': x = 1`},
	} {
		if got := jsPropertyLine(jsShorthand(jsTemplates(c.in))); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
}

func FuzzJSLiterals(f *testing.F) {
	for _, s := range []string{"f({units, a: 'x'})", "`a${b}`", "{`${`", "{'}'}", "`\\`", "  a: b ? c : d,", "{a: b ? : }"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		jsPropertyLine(jsShorthand(jsTemplates(s)))
	})
}

// TestJSBlockComments: /* ... */ comments are blanked on their lines and across lines, outside
// strings; === and !== are Python's == and !=.
func TestJSBlockComments(t *testing.T) {
	open := false
	var got []string
	for _, l := range []string{
		"a = 1 /* one */ + 2",
		"b = '/* not */' /* yes",
		"still */ c = 3",
		"d = 4 // /* a line comment",
		"e = 5",
	} {
		var s string
		s, open = jsBlockComments(l, open)
		got = append(got, s)
	}
	want := []string{"a = 1           + 2", "b = '/* not */'", "         c = 3", "d = 4 // /* a line comment", "e = 5"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if s := jsStrictEquality(`if (a === 0 && b !== '===') c = a == b`); s != `if (a == 0 && b != '===') c = a == b` {
		t.Errorf("strict equality: got %s", s)
	}
}
