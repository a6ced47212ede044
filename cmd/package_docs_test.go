package cmd

import (
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/kafka-cli/kafka/"

// TestPackageDocsSayWhatImports keeps the package docs of cmd and of every
// internal package true: each has one, and it names every package of this
// module it imports and every one that imports it (main for the root
// package), unless it says it may import every internal package (cmd) or
// that every package may use it (clierr), so that "what may import this?"
// is answered where the code is, and stays true.
func TestPackageDocsSayWhatImports(t *testing.T) {
	dirs, err := filepath.Glob("../internal/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, ".", "..")
	docs := map[string]string{}         // package name -> doc text
	imports := map[string][]string{}    // package name -> names it imports
	importedBy := map[string][]string{} // package name -> names importing it
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		name := pkgName(dir)
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if af.Doc != nil && docs[name] == "" {
				docs[name] = af.Doc.Text()
			}
			for _, imp := range af.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(p, module) {
					continue
				}
				dep := path.Base(p)
				if !slices.Contains(imports[name], dep) {
					imports[name] = append(imports[name], dep)
					importedBy[dep] = append(importedBy[dep], name)
				}
			}
		}
	}
	for name, doc := range docs {
		if name == "main" {
			continue // the root's main.go is a command, not a layer
		}
		var want []string
		// The top layer may import every package, the bottom one be
		// imported by every package, when the doc says so.
		if !strings.Contains(doc, "may import every internal package") {
			want = append(want, imports[name]...)
		}
		if !strings.Contains(doc, "every package may use it") {
			want = append(want, importedBy[name]...)
		}
		for _, want := range want {
			if !regexp.MustCompile(`\b` + want + `\b`).MatchString(doc) {
				t.Errorf("the package doc of %s does not name %s, which it imports or is imported by", name, want)
			}
		}
	}
	for _, dir := range dirs {
		if name := pkgName(dir); name != "main" && docs[name] == "" {
			t.Errorf("package %s has no package doc", name)
		}
	}
}

// pkgName is the name the docs use for the package in dir: its directory
// name, main for the module root, bench for the bench command.
func pkgName(dir string) string {
	switch dir {
	case "..":
		return "main"
	case ".":
		return "cmd"
	}
	return filepath.Base(dir)
}
