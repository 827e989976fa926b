package layers

import "testing"

// Readings of rows whose inputs are not shown, from real summaries: a Keras 3 self-attention
// block (keras3-dev) and a ConvLSTM2D first layer on RGB frames (real-dev case 095).
func TestFallbackReadings(t *testing.T) {
	cases := []struct {
		class   string
		params  int64
		out     Dims
		want    string // a number the derivation must show
		wantNil bool
	}{
		{"MultiHeadAttention", 16608, Dims{-1, 16, 128}, "32", false}, // 4·128·32 + 3·32 + 128
		{"MultiHeadAttention", 66048, Dims{-1, 16, 128}, "128", false},
		{"MultiHeadAttention", 16609, Dims{-1, 16, 128}, "", true},
		{"ConvLSTM2D", 1024, Dims{-1, 20, 62, 62, 4}, "3 channels", false}, // 4·4·(9·3 + 9·4 + 1)
		{"ConvLSTM2D", 1025, Dims{-1, 20, 62, 62, 4}, "", true},
	}
	for _, c := range cases {
		p := c.params
		f := FallbackFit(c.class, &Obs{Class: c.class, Out: c.out, Params: &p})
		if c.wantNil {
			if f != nil {
				t.Errorf("%s %d: want no reading, got %s", c.class, c.params, f.Derivation)
			}
			continue
		}
		if f == nil {
			t.Errorf("%s %d: no reading", c.class, c.params)
			continue
		}
		if f.Params != c.params {
			t.Errorf("%s: reading gives %d, want %d", c.class, f.Params, c.params)
		}
		if d := f.Derivation.String(); !containsStr(d, c.want) {
			t.Errorf("%s %d: derivation %q lacks %q", c.class, c.params, d, c.want)
		}
	}
}

func containsStr(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
