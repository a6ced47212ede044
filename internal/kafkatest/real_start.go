package kafkatest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// RealCluster is a running Apache Kafka cluster of combined broker and
// controller nodes on loopback.
type RealCluster struct {
	version   string
	clusterID string
	dir       string // everything: configs, data and logs, one folder per node
	classpath string
	pki       *PKI
	nodes     []*realNode

	mu sync.Mutex // guards the nodes' processes
}

type realNode struct {
	id                                  int32
	dir, props, log                     string
	plain, ssl, sasl, saslSSL, controll int
	proc                                *exec.Cmd
	done                                chan struct{} // closed when proc exits
}

// startTimeout bounds a whole cluster start: on a loaded 2-core machine
// three JVMs take tens of seconds, and minutes beside other clusters.
const startTimeout = 8 * time.Minute

func startReal(version string) (*RealCluster, error) {
	// A port found free can be taken before the JVM binds it; a start that
	// failed on that alone is tried again on fresh ports.
	for attempt := 1; ; attempt++ {
		c, err := startRealOnce(version)
		if err == nil || attempt == 3 || !errors.Is(err, errPortTaken) {
			return c, err
		}
	}
}

// errPortTaken marks a start that failed because a node could not bind
// one of its ports.
var errPortTaken = errors.New("a node's port was taken before it bound it")

func startRealOnce(version string) (*RealCluster, error) {
	cp, err := resolveClasspath(version)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "kafkatest-real-")
	if err != nil {
		return nil, err
	}
	c := &RealCluster{version: version, dir: dir, classpath: cp, pki: NewPKI(pkiTB{})}
	if err := c.writeFiles(); err != nil {
		return nil, err
	}
	if err := c.format(); err != nil {
		return nil, fmt.Errorf("%w (logs in %s)", err, dir)
	}
	for _, n := range c.nodes {
		if err := c.spawn(n); err != nil {
			c.stopAll()
			return nil, err
		}
	}
	if err := c.waitServing(startTimeout, c.nodes...); err != nil {
		c.stopAll()
		if c.bindFailed() {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("%w: %v", errPortTaken, err)
		}
		return nil, fmt.Errorf("%w (logs in %s)", err, dir)
	}
	return c, nil
}

// bindFailed reports whether a node's log says it could not bind a port.
func (c *RealCluster) bindFailed() bool {
	for _, n := range c.nodes {
		if b, err := os.ReadFile(n.log); err == nil && strings.Contains(string(b), "Address already in use") {
			return true
		}
	}
	return false
}

// resolveClasspath asks Maven for the broker's class path, caching the
// answer per version and pom; the jars themselves stay in ~/.m2.
func resolveClasspath(version string) (string, error) {
	pom, err := pomPath()
	if err != nil {
		return "", err
	}
	body, err := os.ReadFile(pom)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(body)
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	cache = filepath.Join(cache, "kafkatest")
	file := filepath.Join(cache, fmt.Sprintf("classpath-%s-%s.txt", version, hex.EncodeToString(sum[:6])))
	if cp, err := os.ReadFile(file); err == nil && jarsExist(string(cp)) {
		return string(cp), nil
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	tmp := fmt.Sprintf("%s.%d", file, os.Getpid())
	out, err := exec.Command("mvn", "-q", "-B", "-f", pom, "-Dkafka.version="+version,
		"dependency:build-classpath", "-Dmdep.outputFile="+tmp).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("mvn could not resolve Apache Kafka %s: %v: %s", version, err, lastLines(string(out), 5))
	}
	if err := os.Rename(tmp, file); err != nil {
		return "", err
	}
	cp, err := os.ReadFile(file)
	return string(cp), err
}

func jarsExist(cp string) bool {
	if strings.TrimSpace(cp) == "" {
		return false
	}
	for _, j := range filepath.SplitList(cp) {
		if _, err := os.Stat(j); err != nil {
			return false
		}
	}
	return true
}

// pomPath finds kafkajars/pom.xml from the module root above the working
// directory (tests run in their package's folder).
func pomPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "internal", "kafkatest", "kafkajars", "pom.xml"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("kafkatest: no go.mod above the working directory")
		}
		dir = parent
	}
}

func clusterID() string {
	for {
		b := make([]byte, 16)
		rand.Read(b)
		id := base64.RawURLEncoding.EncodeToString(b)
		if id[0] != '-' && id[0] != '_' { // the storage tool would read it as a flag
			return id
		}
	}
}

// format writes each node's KRaft storage, with the super user's SCRAM
// credentials, in parallel.
func (c *RealCluster) format() error {
	id := clusterID()
	c.clusterID = id
	errs := make([]error, len(c.nodes))
	var wg sync.WaitGroup
	for i, n := range c.nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append(jvmArgs(), "-cp", c.classpath, "kafka.tools.StorageTool", "format", "-t", id, "-c", n.props)
			for _, mech := range []string{"SCRAM-SHA-512", "SCRAM-SHA-256"} {
				args = append(args, "--add-scram", fmt.Sprintf("%s=[name=%s,password=%s]", mech, adminUser, adminPass))
			}
			out, err := exec.Command("java", args...).CombinedOutput()
			if err != nil {
				errs[i] = fmt.Errorf("formatting node %d: %v: %s", n.id, err, lastLines(string(out), 5))
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func jvmArgs() []string {
	args := []string{"-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
		"-Djava.awt.headless=true",
		"-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
		"-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config=warn"}
	if extra := os.Getenv("KAFKATEST_JVM_OPTS"); extra != "" {
		args = append(args, strings.Fields(extra)...)
	}
	return args
}

// spawn starts a node's JVM, appending its output to the node's log.
func (c *RealCluster) spawn(n *realNode) error {
	log, err := os.OpenFile(n.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "=== kafkatest: starting node %d at %s\n", n.id, time.Now().Format(time.RFC3339))
	cmd := exec.Command("java", append(jvmArgs(), "-cp", c.classpath, "kafka.Kafka", n.props)...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("starting node %d: %w", n.id, err)
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		log.Close()
		close(done)
	}()
	c.mu.Lock()
	n.proc, n.done = cmd, done
	c.mu.Unlock()
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// pkiTB lets NewPKI run outside a test, for the shared cluster; key
// generation does not fail in practice, and if it did the start would.
type pkiTB struct{ testing.TB }

func (pkiTB) Helper()                   {}
func (pkiTB) Fatal(args ...any)         { panic(fmt.Sprint(args...)) }
func (pkiTB) Fatalf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }
