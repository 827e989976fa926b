// Package interp reads Keras model code the way Python would run it, without running anything: a
// small interpreter over a parsed snippet (grammar.Program) that follows the values, layers,
// tensors and models the code builds, builds each layer through package layers, and returns the
// model as model.summary() would list it ([Model]: layers with class, name, configuration,
// inbound nodes, input and output shapes, weights and the trainable flag), named and shaped as
// the Keras [layers.Version] the code is written for.
//
// What it cannot know stays unknown, with its cause: a row whose count is not known says why
// (Row.Err), what is known about it stays known (probe.go), and a [Note] says once, with
// line:col and the construct, where the rebuild stopped or guessed. A budget bounds hostile code
// (interp.go).
//
// It knows Python, not kexplain's judgement: it never judges a table or raises a finding. Files:
// interp.go (entry point, budget, notes), values.go (the values), exec.go (statements), eval.go
// (expressions), arith.go (arithmetic that cannot wrap), calls.go (calls, functions, built-ins),
// methods.go (methods and attributes), keras.go (layers, tensors, constructors, Sequential and
// Functional), apply.go (layer calls), probe.go (unknown arguments and axes, argument checks),
// ops.go (keras.ops, tf functions, operators, slicing), apps.go (keras.applications bases),
// subclass.go (classes, subclassed models and layers), signatures.go (constructor arguments per
// version), summary.go (the rows), eras.go (what each Keras prints for shared layers and nested
// models, a nested model on a new input, dict outputs, stacked cells), partial.go (the models a
// table may show, and what of them the code does not define), version.go (which Keras), model.go
// (the result).
// It imports grammar and layers only and does no I/O.
package interp
