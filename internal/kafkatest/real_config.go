package kafkatest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const realNodes = 3

// writeFiles picks the ports and writes every node's server.properties and
// the PEM key and trust stores.
func (c *RealCluster) writeFiles() error {
	ports, err := freePorts(5 * realNodes)
	if err != nil {
		return err
	}
	keystore := filepath.Join(c.dir, "server-keystore.pem")
	truststore := filepath.Join(c.dir, "ca.pem")
	if err := os.WriteFile(keystore, c.pki.ServerPEM, 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(truststore, c.pki.CAPEM, 0o644); err != nil {
		return err
	}
	var voters []string
	for i := range realNodes {
		p := ports[5*i:]
		n := &realNode{id: int32(i + 1), plain: p[0], ssl: p[1], sasl: p[2], saslSSL: p[3], controll: p[4]}
		n.dir = filepath.Join(c.dir, fmt.Sprintf("node-%d", n.id))
		n.props = filepath.Join(n.dir, "server.properties")
		n.log = filepath.Join(n.dir, "server.log")
		c.nodes = append(c.nodes, n)
		voters = append(voters, fmt.Sprintf("%d@127.0.0.1:%d", n.id, n.controll))
	}
	for _, n := range c.nodes {
		if err := os.MkdirAll(n.dir, 0o755); err != nil {
			return err
		}
		props := nodeProps(n, strings.Join(voters, ","), keystore, truststore, c.version)
		if err := os.WriteFile(n.props, []byte(props), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sslPrincipal is the principal Kafka derives from the PKI's client
// certificate (its subject DN).
const sslPrincipal = "CN=kafkatest client"

func nodeProps(n *realNode, voters, keystore, truststore, version string) string {
	lst := func(name string, port int) string { return fmt.Sprintf("%s://127.0.0.1:%d", name, port) }
	adv := []string{lst("PLAINTEXT", n.plain), lst("SSL", n.ssl), lst("SASL_PLAINTEXT", n.sasl), lst("SASL_SSL", n.saslSSL)}
	kv := [][2]string{
		{"process.roles", "broker,controller"},
		{"node.id", fmt.Sprint(n.id)},
		{"controller.quorum.voters", voters},
		{"controller.listener.names", "CONTROLLER"},
		{"listeners", strings.Join(append(adv, lst("CONTROLLER", n.controll)), ",")},
		{"advertised.listeners", strings.Join(adv, ",")},
		{"listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT"},
		{"inter.broker.listener.name", "PLAINTEXT"},
		{"log.dirs", filepath.Join(n.dir, "data")},

		// ACLs: the PLAINTEXT and controller listeners (ANONYMOUS), the SASL
		// admin and the mTLS client certificate are super users; everyone
		// else needs ACLs.
		{"authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"},
		{"super.users", "User:" + adminUser + ";User:ANONYMOUS;User:" + sslPrincipal},
		{"allow.everyone.if.no.acl.found", "false"},

		{"ssl.keystore.type", "PEM"},
		{"ssl.keystore.location", keystore},
		{"ssl.truststore.type", "PEM"},
		{"ssl.truststore.location", truststore},
		{"ssl.client.auth", "none"},
		{"listener.name.ssl.ssl.client.auth", "required"},

		// OAUTHBEARER takes Kafka's unsecured test tokens (alg "none",
		// principal from "sub"): the default validator when none is set.
		{"sasl.enabled.mechanisms", "SCRAM-SHA-512,SCRAM-SHA-256,PLAIN,OAUTHBEARER"},

		// A small cluster that settles fast and fits beside the tests.
		{"offsets.topic.replication.factor", "3"},
		{"offsets.topic.num.partitions", "5"},
		{"transaction.state.log.replication.factor", "3"},
		{"transaction.state.log.min.isr", "1"},
		{"transaction.state.log.num.partitions", "5"},
		{"default.replication.factor", "3"},
		{"num.partitions", "1"},
		{"auto.create.topics.enable", "false"},
		{"group.initial.rebalance.delay.ms", "0"},
		{"replica.lag.time.max.ms", "8000"},
		// Raft's defaults (fetch 2s, election 1s) made a restarted 3.9.1
		// node's quorum hold elections for minutes at load average 60 on
		// the shared 2-core machine: a starved JVM misses its fetches.
		{"controller.quorum.fetch.timeout.ms", "6000"},
		{"controller.quorum.election.timeout.ms", "3000"},
		{"num.network.threads", "2"},
		{"num.io.threads", "2"},
		{"background.threads", "2"},
		{"num.recovery.threads.per.data.dir", "1"},
		{"num.replica.fetchers", "1"},
		{"log.cleaner.threads", "1"},
		{"log.cleaner.dedupe.buffer.size", "8388608"},
	}
	for _, l := range []string{"sasl_plaintext", "sasl_ssl"} {
		kv = append(kv,
			[2]string{"listener.name." + l + ".plain.sasl.jaas.config", fmt.Sprintf(
				`org.apache.kafka.common.security.plain.PlainLoginModule required username="%s" password="%s" user_%s="%s";`,
				adminUser, adminPass, adminUser, adminPass)},
			[2]string{"listener.name." + l + ".scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"},
			[2]string{"listener.name." + l + ".scram-sha-256.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"},
			[2]string{"listener.name." + l + ".oauthbearer.sasl.jaas.config",
				`org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="` + adminUser + `";`},
		)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# written by kafkatest for Apache Kafka %s\n", version)
	for _, e := range kv {
		fmt.Fprintf(&b, "%s=%s\n", e[0], e[1])
	}
	return b.String()
}
