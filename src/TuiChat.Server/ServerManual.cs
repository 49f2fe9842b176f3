using TuiChat.Cli;

namespace TuiChat.Server;

/// <summary>The text of docs/tuichat-server.1.md around the options (which come from <see cref="CommandLineOptions"/>).</summary>
public static class ServerManual
{
    public static ToolManual Page { get; } = new(
        "tuichat-server",
        "the TuiChat chat server",
        typeof(CommandLineOptions),
        Configurable: true,
        """
        Listens for TuiChat clients on TCP (or TLS with `--tls-cert`), one thread per client.
        Accounts, history, groups, offline messages and file metadata live in `DATA/tuichat.db`
        (SQLite, WAL); uploaded files in `DATA/files/`. With `--postgres` all of it, file contents
        included, lives in a PostgreSQL database instead, which several servers may share; with
        `--redis` too, they are one chat (a cluster: docs/SCALING.md), every room in one order on
        every server. A message
        is acknowledged only after it is committed, so it survives `kill -9`. The server logs to standard output and to a daily
        rolling file in the `--log` folder; its first line names the version, the listener and
        the store.

        Every setting comes from three places, each overriding the one before: the config file
        named by `--config`, the command line, and the `TUICHAT_*` environment variables.
        `--print-config` shows the result and where each value came from.
        """,
        [
            ("CONFIGURATION FILE", """
                TOML, one `key = value` per line, the keys being the long option names; comments
                start with `#`. A string is quoted, a number is not. Sections, unknown keys and
                values of the wrong type are errors: the server prints one line with the file, the
                line and the key, and exits 2.

                ```toml
                # /etc/tuichat/server.toml
                bind = "0.0.0.0"
                port = 5000
                data = "/var/lib/tuichat"
                log = "/var/log/tuichat"
                max-file-mb = 50
                ```

                `tuichat-server --print-config > server.toml` writes a complete file to start from.
                A switch (true/false) set in the file or the environment can turn an option on, not
                off again. No setting holds a secret itself: the admin and certificate passwords are
                read from the environment variables that `--admin-password-env`,
                `--tls-password-env` and `--postgres-password-env` name, so the file can be
                world-readable:

                ```toml
                postgres = "Host=/run/postgresql;Database=tuichat;Username=tuichat"
                postgres-password-env = "TUICHAT_PG_PASSWORD"
                ```
                """),
            ("SIGNALS", """
                SIGTERM and SIGINT shut down cleanly (clients are told, queues flushed, exit 0);
                in a cluster (`--redis`) only this server stops, while an admin's `/shutdown` stops every one.
                SIGHUP closes and reopens the log file, for logrotate.
                """),
            ("FILES", """
                - `DATA/tuichat.db`: the database (mode 0600); `--backup FILE` copies it safely while the server runs.
                - `DATA/files/`: uploaded files.
                - With `--postgres`, neither: the database holds everything (docs/STORAGE.md, docs/SCALING.md); back it up with `pg_dump`.
                - `LOG/tuichat-server-YYYYMMDD.log`: the log.
                - `deploy/tuichat-server.service`: a systemd unit; see docs/DEPLOY.md.
                """),
            ("EXIT STATUS", """
                0 after a shutdown (admin `/shutdown`, SIGTERM, SIGINT), `--help`, `--version`,
                `--print-config` or a successful `--backup`; 1 when the server cannot start (port in
                use, data folder, database or certificate unusable) or a backup fails; 2 for a bad option,
                config file or environment value.
                """),
            ("SEE ALSO", "tuichat(1), tuichat-bench(1), docs/DEPLOY.md, docs/PROTOCOL.md, docs/SCALING.md"),
        ]);
}
