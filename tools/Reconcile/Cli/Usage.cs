namespace FunctionsOrders.Reconcile.Cli;

/// <summary>The <c>--help</c> text.</summary>
internal static class Usage
{
    public const string Text = $"""
        Reconciles a FunctionsOrders system against the orders it accepted.

        Usage:
          dotnet run --project tools/Reconcile -- --orders <file> [options]

        Checks that every accepted order is in ORDERS and ended Paid or PaymentFailed in the order-status bucket
        (as expected, when the file says), or was dead-lettered with a reason; that no order was charged twice
        or charged without being in ORDERS; that a Paid order has exactly one succeeded charge; that every ledger
        row belongs to an order in ORDERS and agrees with its status; and that every durable consumer of ORDERS
        and PAYMENTS has nothing pending or awaiting ack. Prints a table of every check and every discrepancy.

        Options:
          --orders <file>          Accepted orders, one id per line, optionally followed by the expected final
                                   status: '<id>' or '<id> Paid' or '<id> PaymentFailed'. Blank lines and lines
                                   starting with '#' are skipped. Required.
          --nats <url>             NATS server URL, several separated by commas; may hold user:password@.
                                   Default {Defaults.Nats}.
          --nats-user <user>       NATS user (overrides one in the URL).
          --nats-password <pw>     Password of --nats-user. Visible to other users of the machine in the process
                                   list: prefer --nats-password-file or {CommandLine.NatsPasswordVariable}.
          --nats-password-file <file>
                                   Read the password of --nats-user from a file (the whole file, less a final
                                   line break).
          --nats-auth-file <file>  Read the NATS user and password from a nats-server authorization file, such as
                                   the one ./run.sh writes: .run/apphost/nats-auth.conf (or
                                   $FUNCTIONSORDERS_RUN_DIR/nats-auth.conf). Keeps the password off the command line.
          --storage <connection>   Storage connection string of the ledger. Default: {CommandLine.StorageVariable}
                                   if set, else {Defaults.Storage}.
          --storage-endpoint <url> Table service URL of the ledger's account (https://<account>.table.core.windows.net),
                                   read with the signed-in Azure identity (az login) instead of a key; the identity
                                   needs Storage Table Data Reader on the ledger table.
          --ledger-table <name>    Ledger table. Default {Defaults.LedgerTable}.
          --provider <url>         Payment provider (simulator) base URL; charges are read from GET <url>/v1/charges.
                                   Default {Defaults.Provider}.
          --prefix <prefix>        Topology prefix (Topology:Prefix) of the deployment. Default none.
          --wait-seconds <n>       Check again every 250 ms until the state is clean or n seconds have passed,
                                   then report the last check. Default 0: check once.
          -h, --help               Show this help.

        Environment:
          {CommandLine.NatsPasswordVariable}  password of --nats-user when no password option is given.
          {CommandLine.StorageVariable}        storage connection string when neither --storage nor --storage-endpoint is
                                   given.

        Exit codes:
          0  clean
          1  at least one discrepancy, or a source (NATS, storage, provider) could not be read
          2  bad arguments

        Example, against ./run.sh:
          dotnet run --project tools/Reconcile -- --orders accepted.txt --nats-auth-file .run/apphost/nats-auth.conf --wait-seconds 30
        """;
}
