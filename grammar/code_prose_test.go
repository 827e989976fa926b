package grammar

import "testing"

// TestIsProse: English names Keras as code does ("keras.", "layers."), but puts words side by
// side; code never does outside strings and comments, except around keywords.
func TestIsProse(t *testing.T) {
	prose := []string{
		"Hi all, I'm new to keras. I tried adding more layers.",
		"Trying to understand the param counts of this (my cut-down version of the keras.io model):",
		"I use keras 2.4 on tensorflow 2.3.",
		"for example, the layers.Dense call fails",
		"let me know why model.summary() prints this",
		"Here is my code:",
		"Total params: 1,234",
	}
	code := []string{
		"from keras.layers import Dense, Conv2D",
		"import numpy as np",
		"for i, f in enumerate(filters):",
		"x = layers.Dense(64, name=\"my dense layer\")(x)  # the first hidden layer",
		"return x if use_bias else y",
		"if x is not None and y not in z:",
		"print \"Building model...\"",
		"print model.summary()",
		"const model = tf.sequential();",
		"model %>% layer_dense(units = 64, activation = 'relu')",
		"lambda t: ops.mean(t, axis=1)",
		"except ValueError as e:",
		"f'{name} layer'",
		"x = rb'raw bytes here'",
		"async def main():",
		"yield from gen()",
		"model.add(Dense(10)) # two words",
	}
	for _, s := range prose {
		if !isProse(s) {
			t.Errorf("%q is prose", s)
		}
	}
	for _, s := range code {
		if isProse(s) {
			t.Errorf("%q is code, not prose", s)
		}
	}
}

// TestAssignsAfterCall: assignments whose targets hold brackets are statements of code.
func TestAssignsAfterCall(t *testing.T) {
	for s, want := range map[string]bool{
		`model.get_layer("head").trainable = False`:                true,
		`model.layers[0].trainable = False`:                        true,
		`x[f(1)] += 2`:                                             true,
		`(x_train, y_train), (x_test, y_test) = mnist.load_data()`: true,
		`d["a"] = 1`:              true,
		`%= 0`:                    false, // an operator with no target (a fuzz crasher)
		`a == b(1)`:               false,
		`print(a) = 3`:            false,
		`f(x) == 3`:               false,
		`foo(bar) is what = I do`: false,
		`x = 1`:                   false, // no brackets: isPythonish's own rule
	} {
		if got := assignsAfterCall(s); got != want {
			t.Errorf("assignsAfterCall(%q) = %v, want %v", s, got, want)
		}
	}
}
