namespace Wisp.Community.Api;

/// <summary>
/// werkzeug's default error pages, which pysogs (a Flask app) sends for a bare <c>abort(code)</c> and for a path no
/// route matches. Clients look only at the status; the page is kept word for word so a capture diffs clean.
/// </summary>
internal static class WerkzeugPages
{
    /// <summary>The page for <paramref name="status"/>.</summary>
    public static string For(int status)
    {
        var (name, description) = status switch
        {
            400 => ("Bad Request", "The browser (or proxy) sent a request that this server could not understand."),
            401 => ("Unauthorized", "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required."),
            403 => ("Forbidden", "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."),
            404 => ("Not Found", "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again."),
            405 => ("Method Not Allowed", "The method is not allowed for the requested URL."),
            406 => ("Not Acceptable", "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request."),
            413 => ("Request Entity Too Large", "The data value transmitted exceeds the capacity limit."),
            429 => ("Too Many Requests", "This user has exceeded an allotted request count. Try again later."),
            _ => ("Internal Server Error", "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application."),
        };
        var code = status is 400 or 401 or 403 or 404 or 405 or 406 or 413 or 429 ? status : 500;
        return $"<!doctype html>\n<html lang=en>\n<title>{code} {name}</title>\n<h1>{name}</h1>\n<p>{description}</p>\n";
    }
}
