//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/kexplain/kexplain/internal/frontend"
	"github.com/kexplain/kexplain/ocr"
)

// picture is kexplain.picture(bytes, recognize): it returns a Promise of the JSON of
// frontend.PageResult for a PNG or JPEG picture. The picture is prepared and laid out here, in
// Go; the recognition is the page's: recognize(png, psm, whitelist, purpose) returns a Promise
// of Tesseract's TSV (tesseract.js in web/engine.js).
//
// The work runs in a goroutine and the Promise is returned at once: a goroutine that waits for a
// JavaScript Promise lets the event loop run, which the page's own call into Go would not.
func picture(_ js.Value, args []js.Value) any {
	var data []byte
	if len(args) > 0 && args[0].InstanceOf(js.Global().Get("Uint8Array")) {
		data = make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(data, args[0])
	}
	var rec js.Value
	if len(args) > 1 {
		rec = args[1]
	}
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, pa []js.Value) any {
		resolve := pa[0]
		executor.Release()
		go func() {
			resolve.Invoke(frontend.PicturePage(data, jsRecognizer(rec)).Encode())
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// jsRecognizer is an ocr.Recognizer that calls the page's recognize function and waits, in
// this goroutine, for its Promise.
func jsRecognizer(fn js.Value) ocr.Recognizer {
	return func(req ocr.Request) ([]byte, error) {
		if fn.Type() != js.TypeFunction {
			return nil, errors.New("this page has no recogniser for pictures")
		}
		png := js.Global().Get("Uint8Array").New(len(req.PNG))
		js.CopyBytesToJS(png, req.PNG)
		type answer struct {
			tsv string
			err error
		}
		ch := make(chan answer, 1)
		then := js.FuncOf(func(_ js.Value, a []js.Value) any {
			if len(a) > 0 && a[0].Type() == js.TypeString {
				ch <- answer{tsv: a[0].String()}
			} else {
				ch <- answer{err: errors.New("the recogniser gave no text")}
			}
			return nil
		})
		catch := js.FuncOf(func(_ js.Value, a []js.Value) any {
			msg := "the recogniser failed"
			if len(a) > 0 {
				msg += ": " + reason(a[0])
			}
			ch <- answer{err: errors.New(msg)}
			return nil
		})
		defer then.Release()
		defer catch.Release()
		fn.Invoke(png, req.PSM, req.Whitelist, req.Purpose).Call("then", then, catch)
		a := <-ch
		return []byte(a.tsv), a.err
	}
}

// reason is what a rejected Promise gave: an Error's message, or the value as text (tesseract.js
// rejects with strings).
func reason(v js.Value) string {
	if v.Type() == js.TypeObject {
		if m := v.Get("message"); m.Type() == js.TypeString {
			return m.String()
		}
	}
	return js.Global().Get("String").Invoke(v).String()
}
