package cmd

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCmdMakesNoKafkaCalls keeps the rule that cmd formats and internal
// decides: no non-test file of cmd imports kerr or kmsg, calls a method of
// the kadm client (cl.Admin.X) or takes a *kadm.Client to call one. Those
// calls and what their errors mean live in internal packages named for
// what they do (topics, groups, cluster, clusterops, kafka ...).
func TestCmdMakesNoKafkaCalls(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	banned := map[string]bool{
		"github.com/twmb/franz-go/pkg/kerr": true,
		"github.com/twmb/franz-go/pkg/kmsg": true,
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); banned[p] {
				t.Errorf("%s imports %s; decide on Kafka's errors in an internal package", fset.Position(imp.Pos()), p)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "Admin" {
						t.Errorf("%s calls .Admin.%s; move the request into an internal package", fset.Position(n.Pos()), sel.Sel.Name)
					}
				}
			case *ast.StarExpr:
				if sel, ok := n.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "Client" {
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "kadm" {
						t.Errorf("%s uses *kadm.Client; pass cl.Admin to an internal package instead", fset.Position(n.Pos()))
					}
				}
			}
			return true
		})
	}
	if checked < 20 {
		t.Fatalf("checked only %d files; is the test running in cmd/?", checked)
	}
}
