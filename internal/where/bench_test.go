package where

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

// A router-log record of about 200 bytes, as in the tail benchmark.
var routerLog = []byte(`{"at":"info","method":"GET","path":"/login","host":"app.example.com","request_id":"5f1c2a9e-8d3b-4e7a-b1f0-3c6d9e2a7b41","fwd":"10.1.2.3","dyno":"web.3","connect":1,"service":452,"status":500,"bytes":1234}`)

func benchMatch(b *testing.B, expr string, ref bool) {
	p, err := Compile(expr)
	if err != nil {
		b.Fatal(err)
	}
	r := &kgo.Record{Key: []byte("user-42"), Value: routerLog}
	b.SetBytes(int64(len(routerLog)))
	for b.Loop() {
		if ref {
			p.Reference(r)
		} else {
			p.Match(r)
		}
	}
}

func BenchmarkStatusFast(b *testing.B) { benchMatch(b, `.status == 500`, false) }
func BenchmarkStatusGojq(b *testing.B) { benchMatch(b, `.status == 500`, true) }
func BenchmarkAndFast(b *testing.B)    { benchMatch(b, `.path == "/login" and .service > 450`, false) }
func BenchmarkAndGojq(b *testing.B)    { benchMatch(b, `.path == "/login" and .service > 450`, true) }
func BenchmarkKeyFast(b *testing.B)    { benchMatch(b, `$key == "user-42" and .status >= 500`, false) }
func BenchmarkKeyGojq(b *testing.B)    { benchMatch(b, `$key == "user-42" and .status >= 500`, true) }
