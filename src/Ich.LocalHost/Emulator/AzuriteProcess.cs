using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ich.LocalHost.Emulator;

/// <summary>
/// Azurite (npm, pinned in <c>tools/azurite</c>) as a child process on free loopback ports, with its data in a folder
/// of its own; disposing it stops the process. Started with <c>--skipApiVersionCheck</c>: the DurableTask.AzureStorage
/// clients send a service version newer than Azurite 3.37 knows.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, string location)
    {
        _process = process;
        Location = location;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>The connection string of Azurite's development account on this instance's ports.</summary>
    public string ConnectionString { get; }

    /// <summary>Where Azurite keeps its data.</summary>
    public string Location { get; }

    /// <summary>Starts Azurite from <paramref name="executable"/> and waits until its blob port answers.</summary>
    /// <exception cref="InvalidOperationException">Azurite exited or did not answer within 30 s.</exception>
    public static async Task<AzuriteProcess> StartAsync(string executable, string location, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run ./build.sh deps (npm install in tools/azurite).");
        Directory.CreateDirectory(location);
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                "--blobPort", $"{blob}", "--queuePort", $"{queue}", "--tablePort", $"{table}",
                "--location", location, "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, blob, queue, table, location);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            if (await AnswersAsync(table, cancellationToken).ConfigureAwait(false) && await AnswersAsync(blob, cancellationToken).ConfigureAwait(false)
                && await AnswersAsync(queue, cancellationToken).ConfigureAwait(false))
                return azurite;
            if (DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException("Azurite did not answer within 30 s.");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops Azurite (the whole process tree: npm's shim starts node underneath).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
