package cmd

import (
	"fmt"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/schema"
	"github.com/kafka-cli/kafka/internal/tail"
)

// registryEnv names the schema registry when no flag does.
const registryEnv = "KAFKA_SCHEMA_REGISTRY_URL"

// devRegistryURL is kafka dev's registry, used with its brokers: when kafka
// falls back to localhost:9092, it falls back to this too.
const devRegistryURL = "http://localhost:8081"

// Registry resolves the schema registry: --schema-registry, then
// KAFKA_SCHEMA_REGISTRY_URL, then the cluster's schema_registry in the
// config file, then kafka dev's registry when the cluster is kafka dev's
// default one too. It returns nil, nil when none is configured. Nothing
// is dialled here.
func (f *Factory) Registry() (*schema.Registry, error) {
	if f.registry != nil {
		return f.registry, nil
	}
	var sc schema.Config
	fallback := false
	switch {
	case f.flags.schemaRegistry != "":
		sc.URL = f.flags.schemaRegistry
	case f.Getenv(registryEnv) != "":
		sc.URL = f.Getenv(registryEnv)
	default:
		cfg, err := f.Config()
		if err != nil {
			return nil, err
		}
		switch r := cfg.Registry; {
		case r != nil && r.URL != "":
			sc = schema.Config{URL: r.URL, Username: r.Username, Password: r.Password, TLSMaterial: r.TLSMaterial}
		case cfg.IsDefault():
			sc.URL, fallback = devRegistryURL, true
		default:
			return nil, nil
		}
	}
	if f.flags.insecureSkipVerify {
		sc.InsecureSkipVerify = true
	}
	reg, err := schema.New(sc, f.Timeout())
	if err != nil {
		return nil, err
	}
	if fallback {
		reg.UnreachableHint = fmt.Sprintf("no schema registry is configured and kafka dev's is not running; give --schema-registry URL or set %s", registryEnv)
	}
	f.registry = reg
	return reg, nil
}

// requireRegistry is Registry for commands that cannot work without one.
func (f *Factory) requireRegistry() (*schema.Registry, error) {
	reg, err := f.Registry()
	if err == nil && reg == nil {
		err = clierr.Usagef("no schema registry is configured").WithHint("give --schema-registry URL, set %s, or add schema_registry: to the cluster in the config file", registryEnv)
	}
	return reg, err
}

// tailDecoder returns the hook that decodes schema-encoded records for
// tail, or nil when decoding is off or no registry is configured.
func tailDecoder(f *Factory, mode string) (func() tail.Decoder, error) {
	if mode == "none" {
		return nil, nil
	}
	reg, err := f.Registry()
	if err != nil || reg == nil {
		return nil, err
	}
	d := schema.NewDecoder(reg, f.IO.ErrOut)
	return func() tail.Decoder { return d.Worker() }, nil
}
