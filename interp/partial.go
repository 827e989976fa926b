package interp

import (
	"sort"
	"strings"

	"github.com/kexplain/kexplain/layers"
)

// What a table beside the code may show, and how much of it the code defines: every model a
// summary of the code may print (the model at each summary() call, then every model the code
// builds that no other model holds), and for each model what it holds that the code does not
// define (Model.Undefined) and, for each layer, the constructor arguments whose values the code
// does not give (Row.UnknownArgs). The explain package pairs tables with these models and
// compares only what the code fixes.

// maxSnapshots caps the models kept from summary() calls (a summary printed in a loop).
const maxSnapshots = 16

// snapshot keeps the model as its summary() prints it at this point of the code. The model is
// built as Keras builds it for the summary (a Sequential's layers applied), with the notes that
// go with that; the rows themselves are made quietly, as the model at the end says them.
func (in *interpreter) snapshot(m *modelObj, line int) {
	if len(in.snapshots) >= maxSnapshots || in.stopped {
		return
	}
	if m.seq {
		in.seqBuild(m)
	}
	in.quiet++
	cm := in.summarise(m)
	in.quiet--
	cm.SummaryLine = line
	in.snapshots = append(in.snapshots, cm)
}

// maxCandidates caps the models the code builds that are kept for pairing (a loop that makes a
// model each time): the last ones.
const maxCandidates = 64

// candidates are the models a printed summary may show: each summary() printed, then every model
// the code builds that no other model holds, in the order the code makes them (the last
// maxCandidates of them). main is the result's model, already summarised as cm.
func (in *interpreter) candidates(main *modelObj, cm *Model) []*Model {
	out := append([]*Model{}, in.snapshots...)
	var top []*modelObj
	for _, m := range in.models {
		if !in.usedAsLayer(m) {
			top = append(top, m)
		}
	}
	if len(top) > maxCandidates {
		top = top[len(top)-maxCandidates:]
	}
	in.quiet++
	defer func() { in.quiet-- }()
	for _, m := range top {
		if m == main {
			out = append(out, cm)
			continue
		}
		out = append(out, in.summarise(m))
	}
	return out
}

// unknownArgsOf lists the arguments of a layer's configuration whose values the code does not
// give (in full or in part), sorted.
func unknownArgsOf(cfg layers.Config) []string {
	var out []string
	for k, v := range cfg {
		if holdsUnknown(v, 0) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func holdsUnknown(v any, depth int) bool {
	switch x := v.(type) {
	case unknownArg:
		return true
	case []any:
		if depth > 8 {
			return false
		}
		for _, it := range x {
			if holdsUnknown(it, depth+1) {
				return true
			}
		}
	}
	return false
}

// undefinedInputs names the tensors a functional model's outputs reach that the code does not
// define (no layer made them and they are not the model's inputs): a name from above an
// excerpt, the output of something kexplain could not follow.
func (in *interpreter) undefinedInputs(m *modelObj) []string {
	inputs := map[*tensorVal]bool{}
	for _, t := range m.inputs {
		inputs[t] = true
	}
	var out []string
	said := map[string]bool{}
	seen := map[*node]bool{}
	stack := flattenTensors(m.outputs)
	for len(stack) > 0 && len(out) < 16 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if t == nil || inputs[t] {
			continue
		}
		if t.node == nil {
			what := "an input of a layer"
			if t.why != nil && t.why.what != "" {
				what = t.why.what
			}
			if !said[what] {
				said[what] = true
				out = append(out, what)
			}
			continue
		}
		if seen[t.node] {
			continue
		}
		seen[t.node] = true
		stack = append(stack, t.node.inputs...)
	}
	return out
}

// torchRoot reports the module names of PyTorch code: its layers are no Keras layers, even where
// their class names agree (nn.Dropout, nn.Flatten).
func torchRoot(path string) bool {
	for _, r := range []string{"torch.", "nn.", "F."} {
		if strings.HasPrefix(path, r) {
			return true
		}
	}
	return path == "torch"
}
