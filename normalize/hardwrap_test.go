package normalize

import (
	"strings"
	"testing"
)

// wrapAt breaks every line of s longer than w runes at w, as a terminal does.
func wrapAt(s string, w int) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		r := []rune(l)
		for len(r) > w {
			out = append(out, string(r[:w]))
			r = r[w:]
		}
		out = append(out, string(r))
	}
	return strings.Join(out, "\n")
}

// A terminal's wraps are told by the rules cut at its width: a printed rule of one character
// ("_____", "=====") or a drawn box's rule, which goes on in the next line up to its right corner.
func TestHardWrapJoined(t *testing.T) {
	box := "┏━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┓\n" +
		"┃ Layer (type)         ┃ Output Shape     ┃    Param # ┃\n" +
		"┡━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━┩\n" +
		"│ dense (Dense)        │ (None, 512)      │    407,104 │\n" +
		"├──────────────────────┼──────────────────┼────────────┤\n" +
		"│ dense_1 (Dense)      │ (None, 10)       │      5,130 │\n" +
		"└──────────────────────┴──────────────────┴────────────┘"
	k2 := "_________________________________________________________________\n" +
		"Layer (type)                 Output Shape              Param #   \n" +
		"=================================================================\n" +
		"dense_1 (Dense)              (None, 128)               163968    \n" +
		"_________________________________________________________________\n" +
		"dense_2 (Dense)              (None, 5)                 645       \n" +
		"================================================================="
	for _, c := range []struct {
		name string
		in   string
		w    int
	}{{"keras3-box", box, 45}, {"keras3-box-narrow", box, 40}, {"keras2-rules", k2, 50}} {
		t.Run(c.name, func(t *testing.T) {
			got := texts(wrapAt(c.in, c.w))
			want := texts(c.in)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("wrapped at %d:\n got %q\nwant %q", c.w, got, want)
			}
		})
	}
}

// Lines of box characters that end at their right corners are whole rules, not the pieces of one:
// two boxes one under the other are left as they are.
func TestBoxRulesNotWrapped(t *testing.T) {
	in := "└──────────────────────────────────────────────┘\n┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓\n" +
		"└──────────────────────────────────────────────┘\n┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓"
	got := texts(in)
	if len(got) != 4 {
		t.Errorf("got %q, want the 4 lines as they are", got)
	}
}
