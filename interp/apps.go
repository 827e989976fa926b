package interp

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// keras.applications bases in code: VGG16(include_top=False, input_shape=(150, 150, 3)) is one
// row, a nested model whose count is the one layers/applications.go knows and whose output shape
// follows from its input. base.output, base.input, input_tensor=, base.trainable = False and
// loops over base.layers work; what cannot be known (which of its layers a slice of base.layers
// freezes) is said.

// appBase is what the rebuild knows of a base.
type appBase struct {
	layers.AppBase
	top      bool
	pooling  string
	classes  int64
	channels int64
	why      string // why the count is not known ("" when it is)
}

// applicationOf recognises a keras.applications function: "VGG16", "tf.keras.applications.ResNet50".
func applicationOf(path string) string {
	last := path[strings.LastIndexByte(path, '.')+1:]
	if _, ok := layers.ApplicationOf(last); !ok {
		return ""
	}
	if strings.Contains(path, ".") && !strings.Contains(path, "applications") {
		return ""
	}
	return last
}

// application makes a base: a nested model with its own input, applied to it.
func (in *interpreter) application(cls string, a *args) any {
	e := a.e
	in.keras = true
	base, _ := layers.ApplicationOf(cls)
	ab := &appBase{AppBase: base, top: true, classes: 1000, channels: 3}
	if v, ok := a.kwarg("include_top"); ok {
		switch truth(v) {
		case 0:
			ab.top = false
		case -1:
			ab.why = "include_top is not known"
		}
	}
	if v, ok := a.kwarg("pooling"); ok {
		if s, isStr := v.(string); isStr {
			ab.pooling = s
		}
	}
	if v, ok := a.kwarg("classes"); ok {
		if n, isInt := v.(int64); isInt {
			ab.classes = n
		} else {
			ab.why = "classes is not known"
		}
	}
	if v, ok := a.kwarg("alpha"); ok {
		if f, isNum := toFloat(v); !isNum || f != 1 {
			ab.why = "alpha=" + valueText(in.toConfig(v, e)) + " changes the widths, and kexplain knows only alpha=1.0"
		}
	}
	// the input: input_tensor=, input_shape=, or the default
	var in0 *tensorVal
	if v, ok := a.kwarg("input_tensor"); ok {
		if ts := flattenTensors(v); len(ts) == 1 {
			in0 = ts[0]
		}
	}
	var d layers.Dims
	var why *cause
	if in0 != nil {
		d, why = in0.dims, in0.why
	} else if v, ok := a.kwarg("input_shape"); ok {
		d, why = in.configDims(in.toConfig(v, e), true)
	} else if ab.top {
		d = layers.Dims{-1, ab.Size, ab.Size, 3}
	} else {
		d = layers.Dims{-1, -1, -1, 3}
	}
	if len(d) == 4 && d[3] > 0 {
		ab.channels = d[3]
	} else if len(d) == 4 && d[3] == dimUnknown {
		ab.why = "the number of input channels is not known"
	}
	name := base.Name
	if strings.HasPrefix(name, "mobilenet") {
		rows := int64(224)
		if len(d) == 4 && d[1] == d[2] && d[1] > 0 {
			switch d[1] {
			case 96, 128, 160, 192, 224:
				if d[1] != 96 || strings.HasPrefix(name, "mobilenetv2") {
					rows = d[1]
				}
			}
		}
		switch name {
		case "mobilenetv3small":
			name = "MobilenetV3small"
		case "mobilenetv3large":
			name = "MobilenetV3large"
		default:
			name += "_" + strconv.FormatInt(rows, 10)
		}
	}
	if strings.HasPrefix(name, "nasnet") {
		name = "NASNet"
	}
	if v, ok := a.kwarg("name"); ok {
		if s, isStr := v.(string); isStr {
			name = s
		}
	}
	if !in.newLayerBudget(e.Line, e.Col) {
		return unknownVal{c: stoppedCause}
	}
	m := &modelObj{line: e.Line}
	cls2 := "Functional"
	if in.v == layers.Keras1 || in.v == layers.Keras2 {
		cls2 = "Model"
	}
	l := &layerObj{class: cls2, cfg: layers.Config{}, name: name, line: e.Line, col: e.Col, trainable: true, model: m, app: ab, built: true}
	m.obj = l
	in.appWeights(l)
	var input *tensorVal
	if in0 != nil {
		input = in0
		in.note(e.Line, e.Col, e.String()+": with input_tensor= Keras lists the "+base.Class+
			" layers one by one in the model around it; kexplain shows them as one row, with their total")
	} else {
		il := &layerObj{class: "InputLayer", cfg: layers.Config{}, isInput: true, built: true, trainable: true, inShape: d,
			inWhy: why, name: in.inputName()}
		nd := &node{layer: il}
		input = &tensorVal{node: nd, dims: d, why: why}
		nd.outputs, nd.outTree = []*tensorVal{input}, input
		il.nodes = append(il.nodes, nd)
	}
	m.inputs = []*tensorVal{input}
	out := in.applyApp(m, []*tensorVal{input}, e)
	m.outputs = out
	in.models = append(in.models, m)
	return m
}

// appWeights are a base's weights as two arrays: its trainable weights and its statistics.
func (in *interpreter) appWeights(l *layerObj) {
	ab := l.app
	total := ab.NoTop
	if ab.top {
		total = ab.Top
		if ab.classes != 1000 {
			if ab.ClassDelta == 0 {
				ab.why = "kexplain does not know how " + ab.Class + "'s top grows with the classes"
			}
			total += (ab.classes - 1000) * ab.ClassDelta
		}
	}
	if ab.channels != 3 {
		if ab.ChanDelta == 0 {
			ab.why = "kexplain does not know how " + ab.Class + "'s first layer grows with the input channels"
		}
		total += (ab.channels - 3) * ab.ChanDelta
	}
	if ab.why != "" {
		l.err = errString("keras.applications." + ab.Class + ": " + ab.why)
		return
	}
	if ab.NonTrain < 0 {
		l.weights = []layers.Weight{{Name: ab.Class + " weights", Shape: []int64{total}, Trainable: true}}
		l.weightsWhy = "kexplain does not know how many of " + ab.Class + "'s weights are BatchNormalization statistics"
		return
	}
	l.weights = []layers.Weight{{Name: ab.Class + " weights", Shape: []int64{total - ab.NonTrain}, Trainable: true}}
	if ab.NonTrain > 0 {
		l.weights = append(l.weights, layers.Weight{Name: "BatchNormalization statistics", Shape: []int64{ab.NonTrain}})
	}
}

// appOutput is a base's output shape on an input of shape d.
func appOutput(ab *appBase, d layers.Dims) layers.Dims {
	if ab.top {
		return layers.Dims{batchOf(d), ab.classes}
	}
	if ab.pooling == "avg" || ab.pooling == "max" {
		return layers.Dims{batchOf(d), ab.Features}
	}
	if len(d) != 4 {
		return layers.Dims{batchOf(d), dimUnknown, dimUnknown, ab.Features}
	}
	sp := func(x int64) int64 {
		switch {
		case x == -1:
			return -1
		case x < 0:
			return dimUnknown
		}
		if s := ab.AppSpatial(x); s >= 0 {
			return s
		}
		return dimUnknown
	}
	return layers.Dims{d[0], sp(d[1]), sp(d[2]), ab.Features}
}

func batchOf(d layers.Dims) int64 {
	if len(d) > 0 {
		return d[0]
	}
	return -1
}

// applyApp applies a base to tensors: a node of its row.
func (in *interpreter) applyApp(m *modelObj, ins []*tensorVal, e *grammar.Expr) any {
	l := m.obj
	var d layers.Dims
	var why *cause
	if len(ins) > 0 {
		d, why = ins[0].dims, ins[0].why
	}
	nd := &node{layer: l, index: len(l.nodes), inputs: ins}
	t := &tensorVal{node: nd, why: why}
	if d != nil {
		t.dims = appOutput(l.app, d)
		if len(d) == 4 && d[3] > 0 && d[3] != l.app.channels && len(l.nodes) > 0 {
			in.note(lineOf(e), colOf(e), l.name+" is called on "+strconv.FormatInt(d[3], 10)+" channels but was built for "+
				strconv.FormatInt(l.app.channels, 10))
		}
	}
	if !hasUnknownAxis(t.dims) && t.dims != nil {
		t.why = nil
	}
	nd.outputs, nd.outTree = []*tensorVal{t}, t
	l.nodes = append(l.nodes, nd)
	return t
}

// appAttr are the attributes of a base the code reads.
func (in *interpreter) appAttr(m *modelObj, name string, e *grammar.Expr) (any, bool) {
	switch name {
	case "layers":
		return &appLayers{base: m.obj}, true
	case "output", "input":
		in.note(e.Line, e.Col, e.String()+": a model built on "+m.obj.name+"'s own "+name+" lists the "+
			m.obj.app.Class+" layers one by one in Keras; kexplain shows them as one row ("+m.obj.name+"), with their total")
		if name == "output" {
			return m.outputs, true
		}
		return m.inputs[0], true
	}
	return nil, false
}

// appLayers is base.layers (or a slice of it): kexplain does not know a base's layers one by one.
type appLayers struct {
	base   *layerObj
	sliced bool
}

// appLayerVal is one of them.
type appLayerVal struct {
	base *layerObj
	all  bool // it stands for every layer of the base (a loop over all of base.layers)
}

// forAppLayers runs a loop over base.layers once, for all of them: `layer.trainable = False` in
// it freezes the base when the loop covers all its layers; a slice leaves the split unknown.
func (in *interpreter) forAppLayers(fr *frame, s *grammar.Stmt, al *appLayers) ctl {
	in.assign(fr, s.Targets[0][0], &appLayerVal{base: al.base, all: !al.sliced})
	c := in.exec(fr, s.Body)
	if c == ctlReturn {
		return c
	}
	return ctlNext
}

func (in *interpreter) setAppLayerTrainable(o *appLayerVal, v any, t *grammar.Expr) {
	b, ok := v.(bool)
	if ok && o.all {
		in.setTrainable(o.base, b)
		return
	}
	cls := "the base"
	if o.base.app != nil {
		cls = o.base.app.Class
	}
	in.note(t.Line, t.Col, t.String()+" = ...: kexplain does not know "+cls+"'s layers one by one, so the trainable split is not known")
	o.base.weightsWhy = "a part of its layers is frozen, and kexplain does not know which weights they hold"
}
