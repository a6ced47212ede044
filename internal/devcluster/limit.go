package devcluster

import (
	"encoding/binary"
	"errors"
	"net"
)

// limitListener hands out connections that refuse requests over max bytes.
// kfake allocates a request's whole body from its 4-byte size prefix, so a
// client announcing 4 GiB would make it allocate 4 GiB.
type limitListener struct {
	net.Listener
	max int
}

func (l *limitListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &limitConn{Conn: c, max: l.max}, nil
}

var errRequestTooLarge = errors.New("request over kafka dev's size limit")

// limitConn follows the request framing of what it reads (a big-endian
// int32 size, then that many bytes) and closes the connection at a size
// over max, as a broker does beyond socket.request.max.bytes.
type limitConn struct {
	net.Conn
	max  int
	left int // bytes of the current request not read yet
	size [4]byte
	have int // bytes of the next size prefix read so far
}

func (c *limitConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	for i := 0; i < n; {
		if c.left > 0 {
			k := min(c.left, n-i)
			c.left -= k
			i += k
			continue
		}
		c.size[c.have] = p[i]
		c.have++
		i++
		if c.have == len(c.size) {
			c.have = 0
			c.left = int(binary.BigEndian.Uint32(c.size[:]))
			if c.left > c.max {
				c.Conn.Close()
				return 0, errRequestTooLarge
			}
		}
	}
	return n, err
}
