export default function HomePage() {
  return (
    <main className="home">
      <h1>VideoFly</h1>
      <p>Turn a prompt, or an image and a prompt, into a video made by AI.</p>
      <p className="links">
        <a href="/api/v1/health">API health</a>
      </p>
    </main>
  );
}
