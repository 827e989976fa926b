// Package interp reads Keras model code the way Python would run it, without running anything: a
// small interpreter over a parsed snippet (grammar.Program) that follows the layers, tensors and
// models the code builds, builds each layer through package layers, and returns the model as
// model.summary() would list it ([Model]: layers with class, name, configuration, inbound nodes,
// input and output shapes, weights and the trainable flag), named and shaped as the Keras
// [layers.Version] the code is written for. Where it cannot follow the code it says so ([Note]).
//
// It knows Python, not kexplain's judgement: it never judges a table or raises a finding. Files:
// interp.go (values, statements, expressions), calls.go (constructors, models, methods),
// signatures.go (constructor arguments per version), apply.go (layer calls), lambda.go (shapes
// of Lambda functions), summary.go (the rows), version.go (which Keras), model.go (the result),
// partial.go (what the code does not define: undefined rows, unknown arguments, the candidate
// models a table may show) and eras.go (what each Keras prints for shared layers and nested
// models, a nested model on a new input, dict outputs, stacked cells).
// It imports grammar and layers only and does no I/O.
package interp
