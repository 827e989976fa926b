package normalize

import (
	"strings"
	"testing"
)

// Quoted-printable: the signs of the encoding, soft breaks joined, escapes decoded, positions kept.
func TestQuotedPrintable(t *testing.T) {
	runKind(t, []kindCase{
		{"rule-and-soft-break", "Total params: 164,869=20\n=3D=3D=3D=\n=3D=3D\nTrainable params: 164,869=20\n",
			[]string{"Total params: 164,869 ", "=====", "Trainable params: 164,869 "}},
		{"box-characters", "=E2=94=8F=E2=94=81=E2=94=93\n=E2=94=83 Layer (type) =E2=94=83\n",
			[]string{"┏━┓", "┃ Layer (type) ┃"}},
		{"character-parted-by-a-soft-break", "=E2=94=83 a =E2=94=83 b =E2=94=83 c =E2=94=\n=83\n",
			[]string{"┃ a ┃ b ┃ c ┃"}},
		{"soft-breaks-at-the-encoding-width", longLine("dense (Dense) (None, 64) 19,264", 75) + "=\nA\n" +
			longLine("dense_1 (Dense) (None, 2) 66", 75) + "=\nB\n" + longLine("x", 75) + "=\nC\n",
			[]string{longLine("dense (Dense) (None, 64) 19,264", 75) + "A", longLine("dense_1 (Dense) (None, 2) 66", 75) + "B",
				longLine("x", 75) + "C"}},
		// too few signs: text that only looks like the encoding is left as it is
		{"one-escape-is-no-encoding", "x =3D y\nz =\n", []string{"x =3D y", "z ="}},
		{"a-bar-of-equals-is-no-soft-break", "=3D=3D=3D\n=====\nTotal=20\n", []string{"===", "=====", "Total "}},
		{"a-broken-escape-stays", "=3D=3D=3D =E2=94 =ZZ\n", []string{"=== =E2=94 =ZZ"}},
	})
}

func longLine(s string, n int) string {
	for len(s) < n {
		s += " "
	}
	return s
}

// A decoded line keeps the input positions of what it holds: the text after a soft break is on
// the next input line, and a decoded character stands where its first escape stood.
func TestQuotedPrintablePositions(t *testing.T) {
	doc := Normalize("a=3Db=3Dc=3D=\nxyz =E2=94=83 w\n")
	if len(doc.Plain) != 1 {
		t.Fatalf("got %d lines, want 1", len(doc.Plain))
	}
	l := doc.Plain[0]
	if l.Text != "a=b=c=xyz ┃ w" {
		t.Fatalf("text %q", l.Text)
	}
	for _, c := range []struct {
		sub       string
		line, col int
	}{{"b", 1, 5}, {"xyz", 2, 1}, {"┃", 2, 5}, {"w", 2, 15}} {
		off := strings.Index(l.Text, c.sub)
		if line, col := l.Pos(off); line != c.line || col != c.col {
			t.Errorf("%q at %d:%d, want %d:%d", c.sub, line, col, c.line, c.col)
		}
	}
}
