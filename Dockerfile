FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN ALLOW_INSECURE_SECRET_KEY=true python manage.py compilemessages --ignore=.venv -v 0 \
 && ALLOW_INSECURE_SECRET_KEY=true python manage.py collectstatic --no-input -v 0
EXPOSE 8000
CMD ["gunicorn", "yangcheng_projects.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
