// Package layers is kexplain's knowledge of Keras layers, apart from any table or code: one [Spec]
// per class (canonical name, aliases, family), registered by family in core.go, conv.go,
// pool.go, norm.go, recurrent.go, attention.go, reshape.go, merge.go, activation.go,
// preprocessing.go and models.go.
//
// A printed row ([Obs]: class, shapes, printed count) is explained by the reading engine
// ([Judge], reading.go): a class names the configurations the print leaves open as a generator of
// [Reading]s (its Spec.Readings, in the family's *_teach.go: kernels, channels, bias, flags, a
// hidden input), the engine builds each with [Build] — the same code that rebuilds models from
// source — keeps those whose weights add up to the printed count and whose output is the printed
// shape, ranks them with general priors (priors.go), and writes the [Fit] — its [Weight] arrays,
// the arithmetic as a [Deriv] of evaluable equations, the output shape's arithmetic and the
// family's [Lesson] — from the winning build (Spec.Teach). A class's Explain stays the judge of a
// count no configuration can give (a mismatch) and explains the classes without readings. It also builds a layer from a configuration ([Config], input [Dims]):
// [Build] takes a [Layer] (class, arguments, wrapped layer, Keras [Version]) as code configures
// it, with the builds that depend on the version or on another layer in versioned.go. Around the
// registry: keras.applications bases as one row (applications.go), completing a cut or hidden
// class name (classes.go), and readings of counts whose shapes a table does not show
// (fallback.go, unshaped.go).
//
// It imports only grammar (for the table eras) and does no I/O.
package layers
