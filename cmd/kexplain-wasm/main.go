//go:build js && wasm

package main

import "syscall/js"

// main registers globalThis.kexplain = {page(text), explain(text, format), render(code, version),
// picture(bytes, recognize)}
// and keeps the Go side alive for the page's lifetime; then it calls globalThis.kexplainReady()
// if the page set one. page returns the JSON of frontend.PageResult as a string (what the page
// shows); explain and render return {output: string, exit: number, diagnostics: string}; picture
// returns a Promise of page's JSON for a picture (picture.go).
func main() {
	api := js.Global().Get("Object").New()
	api.Set("page", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return pageJSON(arg(args, 0))
	}))
	api.Set("explain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(explainText(arg(args, 0), arg(args, 1)))
	}))
	api.Set("render", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(renderCode(arg(args, 0), arg(args, 1)))
	}))
	api.Set("picture", js.FuncOf(picture)) // picture.go
	js.Global().Set("kexplain", api)
	if ready := js.Global().Get("kexplainReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

// arg is the i-th argument as a string, "" when it is missing or not a string.
func arg(args []js.Value, i int) string {
	if i < len(args) && args[i].Type() == js.TypeString {
		return args[i].String()
	}
	return ""
}

func toJS(o outcome) any {
	return map[string]any{"output": o.Output, "exit": o.Exit, "diagnostics": o.Diagnostics}
}
