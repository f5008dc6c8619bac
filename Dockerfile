# nkbot: the Telegram bot with its knowledge baked in.
#   docker build -t nkbot .
#   docker run -d --name nkbot -e TELEGRAM_BOT_TOKEN=... -v nkbot-data:/data nkbot

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 nkbot \
    && mkdir /data \
    && chown nkbot:nkbot /data
COPY --from=build /install /usr/local
COPY knowledge /app/knowledge
ENV NKBOT_KNOWLEDGE_DIR=/app/knowledge \
    NKBOT_DATABASE=/data/nkbot.sqlite3 \
    NKBOT_INBOX=/data/nkbot-inbox.sqlite3 \
    PYTHONUNBUFFERED=1
VOLUME ["/data"]
WORKDIR /app
USER 10001
# Webhook mode listens here (nkbot run --webhook); polling needs no port.
EXPOSE 8443
CMD ["nkbot", "run"]
