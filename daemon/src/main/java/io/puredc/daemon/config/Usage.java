package io.puredc.daemon.config;

/** The text of {@code --help}. */
final class Usage {
    private Usage() {
    }

    static final String TEXT = """
            Usage:
              java -jar daemon.jar --root DIR [options]        serve DIR to browsers (embedded relay)
              java -jar daemon.jar relay --relay-key K [options]  run only the signalling relay

            The daemon serves the web page and the signalling API of PROTOCOL.md section 2 on
            http://BIND:PORT/ (https:// with --tls-cert) and prints "listening on http://HOST:PORT/"
            (or https://) once it accepts connections.
            With --relay it listens nowhere: it registers its files with that relay, takes sessions
            from it and prints "using relay URL as daemon ID".

            Options:
              --root DIR           the folder to serve, recursively (required for a daemon)
              --bind ADDR          listen address (default 127.0.0.1)
              --port N             listen port (default 8080; 0 picks a free port)
              --ice-address ADDR   gather ICE host candidates only on this IP address (repeatable;
                                   default: every usable interface)
              --stun URL           a STUN server, stun:HOST[:PORT] (repeatable)
              --turn URL           a TURN server, turn:USER:PASSWORD@HOST[:PORT][?transport=udp|tcp]
                                   (repeatable); STUN and TURN servers are given to browsers by
                                   GET /api/ice-servers
              --relay URL          use the external relay at URL instead of the embedded one
              --relay-key K        the relay's registration key (with --relay; required for relay)
              --tls-cert FILE      serve the page and the API over HTTPS with this PEM certificate
                                   chain (with --tls-key FILE, a PEM PKCS#8 key); "--tls-cert
                                   self-signed" generates one at start and logs its SHA-256
                                   fingerprint. A service worker needs HTTPS except on localhost.
              --quality CAP        the quality cap of sessions that ask for none: 2160p, 1080p,
                                   720p, 480p or original (default); a taller video is transcoded
              --encoder NAME       H.264 encoder for transcodes: software (libx264, default),
                                   vaapi, nvenc, qsv or videotoolbox; a hardware encoder that
                                   fails to start falls back to software
              --x264-preset P      libx264 preset (default veryfast)
              --video-bitrate R    bit rate of transcoded video, e.g. 4M or 2500k (default: by height)
              --vaapi-device DEV   render node for vaapi (default /dev/dri/renderD128)
              --transcode-dir DIR  where transcodes are written while they stream (default: the
                                   system temp dir); each is deleted when its session ends
              --ffmpeg PATH, --ffprobe PATH   the programs to run (default: from PATH; without
                                   ffprobe every file is served as it is)
              --log-level LEVEL    trace, debug, info (default), warn, error or off; logs go to stderr
              --config FILE        read options from FILE: a properties file (key=value, lists
                                   comma-separated) or a JSON object, with the option names above
                                   without the dashes; options on the command line win
              --help               print this text

            Exit codes: 0 after --help or a clean stop (Ctrl-C); 1 when the address cannot be
            bound or the relay cannot be reached; 2 for a bad option, an unreadable config file,
            an unreadable root or a relay key the relay refuses.
            """;
}
