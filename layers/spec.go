package layers

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kexplain/kexplain/grammar"
)

// Dims is a tensor shape without naming; -1 stands for None. A nil Dims is an unknown shape.
type Dims []int64

// Last is the size of the last axis, or -1 when unknown.
func (d Dims) Last() int64 {
	if len(d) == 0 {
		return -1
	}
	return d[len(d)-1]
}

// Weight is one weight array of a layer, in Keras's order.
type Weight struct {
	Name      string
	Shape     []int64
	Trainable bool
}

// Size is the number of values in the array.
func (w Weight) Size() int64 {
	n := int64(1)
	for _, d := range w.Shape {
		n *= d
	}
	return n
}

// Obs is what a summary row shows about one layer: the facts a layer entry may use to judge the
// printed count. Unknown things are nil / zero.
type Obs struct {
	Class   string         // resolved class name: "Conv2D"
	Name    string         // the layer name as printed: "vgg16", "conv2d_1"
	Format  grammar.Format // the era of the table
	In      []Dims         // input shapes, one per inbound tensor; nil entries unknown; nil slice: input not shown
	Out     Dims           // printed output shape; nil when not a readable tuple
	Outs    []Dims         // every output when the row prints a list of shapes
	Params  *int64         // printed count; nil when not shown
	Unbuilt bool           // "0 (unbuilt)"
	Frozen  bool           // Trainable column shows N
	// RawInput: the row reads the model's own input (the first row of a Sequential, a row fed by
	// an InputLayer): raw data, whose channels are those of images (1, 3) or of the features.
	RawInput bool
	// InChoices are the inputs the row may read when the print's reference to them is cut and
	// several rows fit it ("max_pooling2d…"): nearest preceding first. In is nil then.
	InChoices [][]Dims
}

// InKnown reports whether input i has a readable shape.
func (o *Obs) InKnown(i int) bool { return i < len(o.In) && o.In[i] != nil }

// Fit is one configuration of a layer that produces a count (and, where known, the output shape).
type Fit struct {
	Params     int64    // the count this configuration gives
	Weights    []Weight // its weight arrays, in Keras order
	Derivation Deriv    // the arithmetic, ending in Params
	Config     string   // what was assumed or inferred: "kernel 3 x 3, with bias"
	Ambiguous  string   // when other configurations fit about as well: "or kernel 1 × 5"
	InferredIn Dims     // input shape inferred from the count, when the input was not shown
	Shape      Deriv    // how the output shape follows: "29 × 29: 31 − 3 + 1 on each side (valid padding)"
	Lesson     *Lesson  // the family's formula in symbols and why each term is there
	Assumed    string   // what the print leaves open that this reading takes (said when it matters)
	InChoice   int      // which of Obs.InChoices the reading takes, 1-based; 0 when there was no choice
}

// Trainable is the trainable part of the fit's count.
func (f *Fit) Trainable() int64 {
	var n int64
	for _, w := range f.Weights {
		if w.Trainable {
			n += w.Size()
		}
	}
	return n
}

// Status is a row's verdict.
type Status string

// Row verdicts, as contract.md names them.
const (
	OK       Status = "ok"
	Mismatch Status = "mismatch"
	Unknown  Status = "unknown"
)

// Verdict is a layer entry's judgement of one row.
type Verdict struct {
	Status  Status
	Fit     *Fit   // the configuration that reproduces the printed count (OK); the best guess otherwise
	Nearest []Fit  // for a Mismatch: the nearest valid counts and what gives them
	Message string // why: "no Dense(128) on 1280 inputs has 163,969"
	Shape   Deriv  // how the output shape follows ("41: same padding keeps it")
}

// Config is a layer's configuration as code gives it: keyword → value (ints, strings, bools,
// tuples as []any). Entries read what they know and default the rest.
type Config map[string]any

// Spec is one layer class: what it is called, how its count follows from what the summary shows,
// and how it builds from a configuration.
type Spec struct {
	Class   string   // canonical class: "Conv1D"
	Aliases []string // other names that print or construct the same layer: "Convolution1D"
	Family  string   // "core", "convolution", "pooling", …
	// Weightless marks classes that never hold weights, whatever their arguments.
	Weightless bool
	// Explain judges a printed row; nil means the class is judged only by Weightless.
	Explain func(o *Obs) Verdict
	// Build gives output shapes and weight arrays from a configuration and input shapes; nil when not
	// yet supported (rendering from code needs it).
	Build func(cfg Config, in []Dims) (out []Dims, w []Weight, err error)
	// Readings names the configurations a printed row leaves open, for the reading engine
	// (reading.go); nil for classes judged by Explain alone.
	Readings func(o *Obs) []Reading
	// Teach writes the arithmetic of a built layer from its weights and configuration.
	Teach func(b *Built) Teaching
}

// registry holds every class name and alias; made at its full size (about 300 names), so that the
// family files' init functions do not grow it step by step.
var registry = make(map[string]*Spec, 320)

// registered lists every class name and alias in the order of registration.
var registered = make([]string, 0, 320)

// sortedClasses is registered, sorted once, the first time a caller needs it (not at every
// register call of every family's init).
var sortedClasses = sync.OnceValue(func() []string {
	s := slices.Clone(registered)
	slices.Sort(s)
	return s
})

// register adds specs to the registry; each family file calls it from an init function.
func register(specs ...*Spec) {
	for _, s := range specs {
		registry[s.Class] = s
		registered = append(registered, s.Class)
		for _, a := range s.Aliases {
			if _, dup := registry[a]; !dup {
				registry[a] = s
			}
			registered = append(registered, a)
		}
	}
}

// Lookup finds the spec of a class name (canonical or alias), or nil.
func Lookup(class string) *Spec { return registry[class] }

// Classes lists every known class name and alias, sorted.
func Classes() []string { return sortedClasses() }

// CompleteClass names the class a cut print shows the start of ("BatchNormalizatio" →
// "BatchNormalization"), when the names that start so all mean one class. It returns the name as
// that era prints it: the canonical name when it fits, else the one alias that does.
func CompleteClass(prefix string) (string, bool) {
	prefix = strings.TrimSuffix(prefix, "…")

	if prefix == "" {
		return "", false
	}
	var names []string
	canon := ""
	// the names that start so are one run of the sorted list
	classes := sortedClasses()
	for _, c := range classes[sort.SearchStrings(classes, prefix):] {
		if !strings.HasPrefix(c, prefix) {
			break
		}
		k := registry[c].Class
		if canon != "" && canon != k {
			return "", false
		}
		canon = k
		names = append(names, c)
	}
	switch {
	case canon == "":
		return "", false
	case len(names) == 1:
		return names[0], true
	default:
		for _, n := range names {
			if n == canon {
				return canon, true
			}
		}
		return names[0], true
	}
}
