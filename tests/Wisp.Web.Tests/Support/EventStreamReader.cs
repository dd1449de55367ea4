using System.Text.Json;
using System.Threading.Channels;

namespace Wisp.Web.Tests.Support;

/// <summary>Reads <c>/api/events</c> (Server-Sent Events) as the page does, over fetch with the token header.</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<(string Type, JsonElement Data)> _events = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private readonly List<(string Type, JsonElement Data)> _seen = [];

    private EventStreamReader(HttpResponseMessage response)
    {
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Completes when the server ends the stream.</summary>
    public Task Ended => _reading;

    /// <summary>The response's headers (content type, CSP).</summary>
    public HttpResponseMessage Response => _response;

    public static async Task<EventStreamReader> OpenAsync(HttpClient http)
    {
        var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new EventStreamReader(response);
    }

    /// <summary>Waits for an event of <paramref name="type"/> that <paramref name="match"/> accepts (events seen before count too).</summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        match ??= _ => true;
        lock (_seen)
        {
            foreach (var seen in _seen)
                if (seen.Type == type && match(seen.Data))
                    return seen.Data;
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(wait.Token);
                if (next.Type == type && match(next.Data))
                    return next.Data;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            string seenTypes;
            lock (_seen)
                seenTypes = string.Join(", ", _seen.Select(s => s.Type));
            Assert.Fail($"no '{type}' event came; seen: {seenTypes}");
            throw;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
            string? type = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                    type = line["event: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
                {
                    var item = (type, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                    lock (_seen)
                        _seen.Add(item);
                    await _events.Writer.WriteAsync(item, _stop.Token);
                    type = null;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // Closed.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
