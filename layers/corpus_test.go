package layers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// The real per-layer truth of the dev corpora (Keras 3.15 and TensorFlow.js 4.22 prints): every
// row must be explained with its real count (no false mismatch), and corrupted counts of the rows
// whose layer determines the count must be caught.

const corpusDir = "../../shared/corpus"

type truthWeight struct {
	Shape []int64 `json:"shape"`
}

type truthLayer struct {
	Depth       int             `json:"depth"`
	Name        string          `json:"name"`
	Class       string          `json:"class_name"`
	OutList     json.RawMessage `json:"output_shape_list"`
	Out         json.RawMessage `json:"output_shape"`
	InText      string          `json:"input_shape_text"`
	Params      int64           `json:"params"`
	Weights     []truthWeight   `json:"weights"`
	ConnectedTo *string         `json:"connected_to"`
}

type truthFile struct {
	Layout string       `json:"layout"`
	Layers []truthLayer `json:"layers"`
	Rows   []truthLayer `json:"rows"`
}

// parseShapes reads a JSON shape ([null, 4]) or list of shapes ([[null, 4], [null, 8]]).
func parseShapes(raw json.RawMessage) (one Dims, many []Dims) {
	var flat []*int64
	if json.Unmarshal(raw, &flat) == nil {
		d := make(Dims, len(flat))
		for i, x := range flat {
			if x == nil {
				d[i] = -1
			} else {
				d[i] = *x
			}
		}
		return d, nil
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		for _, r := range list {
			d, _ := parseShapes(r)
			many = append(many, d)
		}
		if len(many) > 0 {
			return nil, many
		}
	}
	return nil, nil
}

type corpusRow struct {
	file  string
	layer truthLayer
	obs   Obs
}

// corpusRows reads both corpora into observations: the inputs from connected_to (Keras 3
// functional), the previous row of the same parent (Keras 3 sequential) or input_shape_text (tfjs).
func corpusRows(t *testing.T) []corpusRow {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("no shared corpus")
	}
	var rows []corpusRow
	k3, _ := filepath.Glob(filepath.Join(corpusDir, "keras3-dev", "*.truth.json"))
	for _, f := range k3 {
		tf := readTruth(t, f)
		outs := map[string]Dims{}
		type frame struct {
			in   []Dims
			prev Dims
		}
		stack := []frame{{}}
		for i, l := range tf.Layers {
			for len(stack) > l.Depth+1 {
				stack = stack[:len(stack)-1]
			}
			for len(stack) < l.Depth+1 {
				stack = append(stack, frame{})
			}
			out, many := parseShapes(l.OutList)
			o := Obs{Class: l.Class, Name: l.Name, Format: grammar.Keras3, Out: out, Outs: many, Params: ptr(l.Params)}
			if out == nil && len(many) > 0 {
				o.Out = many[0]
			}
			if l.ConnectedTo != nil && *l.ConnectedTo != "-" && *l.ConnectedTo != "" {
				for _, c := range strings.Split(*l.ConnectedTo, ",") {
					c = strings.TrimSpace(c)
					if j := strings.IndexByte(c, '['); j >= 0 {
						c = c[:j]
					}
					o.In = append(o.In, outs[c])
				}
			} else if fr := stack[len(stack)-1]; fr.prev != nil {
				o.In = []Dims{fr.prev}
			} else if fr.in != nil {
				o.In = fr.in
			}
			outs[l.Name] = o.Out
			stack[len(stack)-1].prev = o.Out
			if (l.Class == "Sequential" || l.Class == "Functional" || l.Class == "Model") && i+1 < len(tf.Layers) && tf.Layers[i+1].Depth > l.Depth {
				stack = append(stack, frame{in: o.In})
			}
			rows = append(rows, corpusRow{file: filepath.Base(f), layer: l, obs: o})
		}
	}
	tj, _ := filepath.Glob(filepath.Join(corpusDir, "tfjs-dev", "*.truth.json"))
	for _, f := range tj {
		tf := readTruth(t, f)
		for _, l := range tf.Rows {
			out, many := parseShapes(l.Out)
			o := Obs{Class: l.Class, Name: l.Name, Format: grammar.TFJS, Out: out, Outs: many, Params: ptr(l.Params)}
			if out == nil && len(many) > 0 {
				o.Out = many[0]
			}
			if l.InText != "" {
				_, ins := parseShapes(json.RawMessage(l.InText))
				o.In = ins
			}
			rows = append(rows, corpusRow{file: filepath.Base(f), layer: l, obs: o})
		}
	}
	return rows
}

func ptr(x int64) *int64 { return &x }

func readTruth(t *testing.T, f string) truthFile {
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	var tf truthFile
	if err := json.Unmarshal(b, &tf); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return tf
}

// determinable are the classes whose count a known input and output fix (up to the few hidden
// options the entry enumerates): a one-digit change must be caught.
var determinable = map[string]bool{
	"Dense": true, "Conv1D": true, "Conv2D": true, "Conv3D": true, "BatchNormalization": true,
	"LayerNormalization": true, "Embedding": true, "LSTM": true, "GRU": true, "SimpleRNN": true,
	"Conv2DTranspose": true, "Conv1DTranspose": true, "Conv3DTranspose": true, "DepthwiseConv2D": true,
	"SeparableConv2D": true, "SeparableConv1D": true, "Bidirectional": true, "TimeDistributed": true,
	"PReLU": true, "GroupNormalization": true, "RMSNormalization": true, "ConvLSTM2D": true,
}

// corruptions of a count: ±1 and each digit changed by one.
func corruptions(p int64) []int64 {
	out := []int64{p + 1}
	if p > 1 {
		out = append(out, p-1)
	}
	s := []byte(itoa(p))
	for i := range s {
		c := append([]byte{}, s...)
		c[i] = '0' + (c[i]-'0'+1)%10
		if c[0] == '0' {
			continue
		}
		var v int64
		for _, ch := range c {
			v = v*10 + int64(ch-'0')
		}
		if v != p+1 && v != p-1 {
			out = append(out, v)
		}
	}
	return out
}

func explainObs(o *Obs) Verdict {
	s := Lookup(o.Class)
	if s == nil {
		return Verdict{Status: Unknown, Message: "unknown class"}
	}
	v := Verdict{Status: Unknown}
	if s.Explain != nil {
		v = s.Explain(o)
	} else if s.Weightless {
		v = Verdict{Status: OK, Fit: &Fit{}}
	}
	return v
}

func TestCorpusTruth(t *testing.T) {
	rows := corpusRows(t)
	var ok, unk, falseMis, exact, withIn int
	unknownBy := map[string]int{}
	missingClass := map[string]int{}
	caught, tried := map[string]int{}, map[string]int{}
	var noInputFalse int
	for _, r := range rows {
		o := r.obs
		if Lookup(o.Class) == nil {
			missingClass[o.Class]++
		}
		inKnown := len(o.In) > 0 && o.In[0] != nil
		if inKnown {
			withIn++
		}
		v := explainObs(&o)
		switch v.Status {
		case OK:
			ok++
			if v.Fit != nil && v.Fit.Params == r.layer.Params {
				exact++
			} else if v.Fit != nil {
				t.Errorf("%s %s (%s): OK but fit gives %d, real %d", r.file, r.layer.Name, o.Class, v.Fit.Params, r.layer.Params)
			}
		case Mismatch:
			falseMis++
			t.Errorf("false mismatch %s %s (%s) in=%v out=%v params=%d: %s", r.file, r.layer.Name, o.Class, o.In, o.Out, r.layer.Params, v.Message)
		default:
			unk++
			unknownBy[o.Class]++
		}
		// the same row without its input (a first row, or a table without input columns)
		o2 := r.obs
		o2.In = nil
		if v2 := explainObs(&o2); v2.Status == Mismatch {
			noInputFalse++
			t.Errorf("false mismatch without input %s %s (%s) out=%v params=%d: %s", r.file, r.layer.Name, o.Class, o.Out, r.layer.Params, v2.Message)
		}
		if determinable[o.Class] && inKnown && r.layer.Params > 0 && v.Status == OK {
			for _, c := range corruptions(r.layer.Params) {
				o3 := r.obs
				o3.Params = ptr(c)
				tried[o.Class]++
				if explainObs(&o3).Status == Mismatch {
					caught[o.Class]++
				} else if testing.Verbose() {
					t.Logf("corruption not caught: %s %s (%s) in=%v out=%v %d→%d", r.file, r.layer.Name, o.Class, o.In, o.Out, r.layer.Params, c)
				}
			}
		}
	}
	t.Logf("rows %d (input known %d): ok %d (fit == real count %d), unknown %d, false mismatches %d (without input: %d)",
		len(rows), withIn, ok, exact, unk, falseMis, noInputFalse)
	var names []string
	for c := range tried {
		names = append(names, c)
	}
	sort.Strings(names)
	var tc, tt int
	for _, c := range names {
		t.Logf("  corruptions %-20s caught %4d / %4d", c, caught[c], tried[c])
		tc += caught[c]
		tt += tried[c]
	}
	t.Logf("corruptions caught %d / %d", tc, tt)
	t.Logf("unknown by class: %v", unknownBy)
	if len(missingClass) > 0 {
		t.Errorf("classes with no entry: %v", missingClass)
	}
}
