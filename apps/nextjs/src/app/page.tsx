"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "@/lib/api";

interface PublicVideo {
  uuid: string;
  prompt: string;
  videoUrl: string | null;
}

export default function HomePage() {
  const t = useTranslations("home");
  const [gallery, setGallery] = useState<PublicVideo[]>([]);
  useEffect(() => {
    void api<PublicVideo[]>("/api/v1/videos/latest")
      .then(setGallery)
      .catch(() => setGallery([]));
  }, []);
  return (
    <div className="flex flex-col gap-10">
      <section className="flex flex-col items-start gap-4 py-8">
        <h1 className="text-4xl font-bold tracking-tight">VideoFly</h1>
        <p className="max-w-xl text-lg text-slate-600">{t("tagline")}</p>
        <div className="flex flex-wrap items-center gap-4">
          <Link
            href="/create"
            className="rounded-md bg-indigo-600 px-5 py-2.5 font-medium text-white hover:bg-indigo-500"
          >
            {t("cta")}
          </Link>
          <Link href="/batches/new" className="font-medium text-indigo-600 hover:underline">
            {t("batchCta")}
          </Link>
        </div>
      </section>
      <section>
        <h2 className="mb-3 text-xl font-semibold">{t("gallery")}</h2>
        {gallery.length === 0 ? (
          <p className="text-slate-500">{t("galleryEmpty")}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {gallery.map((v) => (
              <li key={v.uuid} className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
                {v.videoUrl && (
                  <video
                    src={v.videoUrl}
                    muted
                    loop
                    playsInline
                    controls
                    className="aspect-video w-full rounded-md bg-black"
                  />
                )}
                <p className="mt-2 line-clamp-2 text-sm">{v.prompt}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
