// Package layers is kexplain's knowledge of Keras layers, apart from any table or code: one [Spec]
// per class (canonical name, aliases, family), registered by family in core.go, conv.go,
// pool.go, norm.go, recurrent.go, attention.go, reshape.go, merge.go, activation.go,
// preprocessing.go and models.go.
//
// A Spec judges what a summary row shows of a layer ([Obs]: class, shapes, printed count) and
// returns a [Verdict] with the [Fit] that explains the count — its [Weight] arrays and the
// arithmetic as a [Deriv]. It also builds a layer from a configuration ([Config], input [Dims]):
// [Build] takes a [Layer] (class, arguments, wrapped layer, Keras [Version]) as code configures
// it, with the builds that depend on the version or on another layer in versioned.go. Around the
// registry: keras.applications bases as one row (applications.go), completing a cut or hidden
// class name (classes.go), and readings of counts whose shapes a table does not show
// (fallback.go, unshaped.go).
//
// It imports only grammar (for the table eras) and does no I/O.
package layers
