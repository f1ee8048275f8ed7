import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly retry: string;
  readonly children: ReactNode;
}

/** Keeps a page's programming error inside the page: the frame and menu stay usable. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('page failed:', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="error"
        title={this.props.title}
        data-testid="page-crashed"
        extra={<Button onClick={() => this.setState({ failed: false })}>{this.props.retry}</Button>}
      />
    );
  }
}
