// Package render turns an explained paste ([explain.Result]) into what a person or a tool reads:
// annotated text for a terminal (colour decided by the caller and passed in), Markdown to paste
// back into a forum, and the JSON of contract.md. It reads no files and decides nothing about
// exit codes.
package render
