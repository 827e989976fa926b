package grammar

// stackPad is how much stack the participle grammars' recursion takes: building the Python
// grammar and parsing a line with it go deep, and a goroutine's stack that grows while it is deep
// is copied, every frame adjusted, at each doubling.
const stackPad = 64 << 10

// stackIndex is a variable so that the compiler keeps growStack's array.
var stackIndex = 0

// growStack grows the calling goroutine's stack to stackPad at once, while it is still shallow
// and cheap to copy (measured: the copies were 3.5% of a seed run's instructions).
//
//go:noinline
func growStack() byte {
	var pad [stackPad]byte
	pad[stackIndex] = 1
	return pad[stackIndex]
}
